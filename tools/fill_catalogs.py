"""One-off helper used to seed the fr and en catalogs; kept for re-seeding a new template string.

Usage: python tools/fill_catalogs.py  (fills only empty msgstr entries; never overwrites).
"""

from pathlib import Path

from babel.messages.pofile import read_po, write_po

NB = "\u00a0"  # French puts a no-break space before ':' and inside guillemets

FR = {
    "%(date)s, %(time)s": "%(date)s à %(time)s",
    "%(degrees)s° E": "%(degrees)s° E",
    "%(degrees)s° N": "%(degrees)s° N",
    "%(degrees)s° S": "%(degrees)s° S",
    "%(degrees)s° W": "%(degrees)s° O",
    "%(start)s – %(end)s": "du %(start)s au %(end)s",
    "Acceptance": "Acceptation",
    "Allegation": "Allégation",
    "Also available in:": f"Également disponible en{NB}:",
    "Also named": "Autres noms",
    "Also spelt:": f"Autres graphies{NB}:",
    "Analytic judgments": "Jugements analytiques",
    "Announcement": "Annonce",
    "Assessment:": f"Appréciation{NB}:",
    "Banquet": "Banquet",
    "Bottom line": "L'essentiel",
    "Built by briefing from a fact base of %(count)s claims and %(sources)s sources.":
        "Produit par briefing à partir d'une base de %(count)s faits rapportés et de %(sources)s sources.",
    "Carried by %(outlets)s.": "Relayé par %(outlets)s.",
    "Ceremony": "Cérémonie",
    "Chronology": "Chronologie",
    "Coordinates": "Coordonnées",
    "Country": "Pays",
    "Credibility": "Crédibilité",
    "Date": "Date",
    "Delegations": "Délégations",
    "Earlier or unspecified occasions": "Occasions antérieures ou non précisées",
    "Edition": "Édition",
    "Event": "Événement",
    "Events in date order; announced events had not yet taken place when reported.":
        "Événements par ordre chronologique ; les événements annoncés n'avaient pas encore eu lieu au moment où ils ont été rapportés.",
    "Fact base fingerprint": "Empreinte de la base de faits",
    "From → to": "De → à",
    "Gift": "Cadeau",
    "Gifts exchanged": "Cadeaux échangés",
    "Information as of": "Informations arrêtées au",
    "Invitation": "Invitation",
    "Language: %(language)s.": f"Langue{NB}: %(language)s.",
    "Name": "Nom",
    "Note:": f"Remarque{NB}:",
    "Other": "Autre",
    "Other languages": "Autres langues",
    "Participants": "Participants",
    "Parties": "Parties",
    "Place": "Lieu",
    "Provisions as reported": "Dispositions rapportées",
    "Quotation": "Citation",
    "Reaction": "Réaction",
    "Reactions and allegations": "Réactions et allégations",
    "Reference works": "Ouvrages de référence",
    "Region": "Région",
    "Relays: %(outlets)s.": f"Relaie{NB}: %(outlets)s.",
    "Reliability %(grade)s: %(meaning)s.": f"Fiabilité %(grade)s{NB}: %(meaning)s.",
    "Reported duration": "Durée rapportée",
    "Reported facts": "Faits rapportés",
    "Reported facts cite numbered sources; analytic judgments are labelled as such.":
        "Les faits rapportés renvoient à des sources numérotées ; les jugements analytiques sont signalés comme tels.",
    "Reporting": "Sources d'information",
    "Reporting discrepancies": "Divergences entre les sources",
    "Role": "Fonction",
    "Signatories": "Signataires",
    "Signed": "Signé",
    "Signing": "Signature",
    "Sources": "Sources",
    "Sources (reliability)": "Sources (fiabilité)",
    "Spellings in the sources:": f"Graphies dans les sources{NB}:",
    "Statements and reactions": "Déclarations et réactions",
    "Statements by the participants": "Déclarations des participants",
    "Summit": "Sommet",
    "Taking part: %(names)s.": f"Participants{NB}: %(names)s.",
    "Talks": "Entretiens",
    "The talks and their durations": "Les entretiens et leur durée",
    "Time zone": "Fuseau horaire",
    "Tour": "Visite",
    "Travel": "Déplacement",
    "Venue": "Lieu",
    "Venues": "Lieux",
    "Version": "Version",
    "Visit": "Visite officielle",
    "What was measured": "Ce qui a été mesuré",
    "about %(duration)s": "environ %(duration)s",
    "almost certain": "presque certain",
    "almost no chance": "quasiment exclu",
    "announced": "annoncé",
    "completely reliable": "entièrement fiable",
    "confirmed by other sources": "confirmé par d'autres sources",
    "credibility": "crédibilité",
    "disputed": "contesté",
    "doubtful": "douteux",
    "fairly reliable": "assez fiable",
    "high confidence": "confiance élevée",
    "improbable": "improbable",
    "less than %(duration)s": "moins de %(duration)s",
    "likely": "probable",
    "low confidence": "confiance faible",
    "members named in the sources:": f"membres nommés dans les sources{NB}:",
    "moderate confidence": "confiance modérée",
    "more than %(duration)s": "plus de %(duration)s",
    "not usually reliable": "généralement peu fiable",
    "possibly true": "peut-être vrai",
    "preferred": "version retenue",
    "probably true": "probablement vrai",
    "reliability cannot be judged": "fiabilité impossible à évaluer",
    "resolved": "tranché",
    "roughly even chance": "chances à peu près égales",
    "truth cannot be judged": "véracité impossible à évaluer",
    "unlikely": "improbable",
    "unreliable": "non fiable",
    "updated %(date)s": "mis à jour le %(date)s",
    "usually reliable": "généralement fiable",
    "very likely": "très probable",
    "very unlikely": "très improbable",
    "remote chance": "possibilité infime",
    # French plural forms (Babel 2.19, CLDR 47): one (0, 1), many (1 000 000, 2 000 000...), other.
    "%(num)s event is marked without a label for lack of room.": (
        "%(num)s événement est marqué sans étiquette, faute de place.",
        "%(num)s d'événements sont marqués sans étiquette, faute de place.",
        "%(num)s événements sont marqués sans étiquette, faute de place."),
    "%(num)s reference work": ("%(num)s ouvrage de référence", "%(num)s d'ouvrages de référence",
                               "%(num)s ouvrages de référence"),
    "%(num)s reporting source": ("%(num)s source d'information", "%(num)s de sources d'information",
                                 "%(num)s sources d'information"),
    "%(num)s source": ("%(num)s source", "%(num)s de sources", "%(num)s sources"),
    "(U//OS)": "(NC//SO)",
    "Annex: grading scales": f"Annexe{NB}: échelles d'évaluation",
    "Bottom line and key judgments": "L'essentiel et jugements clés",
    "Confidence levels": "Niveaux de confiance",
    "Contents": "Sommaire",
    "Estimative terms (ICD 203) and the probabilities they stand for": "Termes d'estimation (ICD 203) et probabilités correspondantes",
    "Every judgment rests on at least two independent origins.": "Chaque jugement repose sur au moins deux origines indépendantes.",
    "Grade": "Cote",
    "Handling": "Diffusion",
    "Handling marking": "Mention de diffusion",
    "Information credibility (Admiralty code)": "Crédibilité de l'information (code de l'Amirauté)",
    "Information is credibly sourced and plausible but not corroborated enough for higher confidence.":
        "Information de source crédible et plausible, mais pas assez corroborée pour une confiance plus élevée.",
    "Information is scant, questionable or fragmented; sources may be of doubtful reliability.":
        "Information rare, discutable ou fragmentaire ; sources d'une fiabilité parfois douteuse.",
    "Judgments rest on high-quality information from multiple sources.":
        "Jugements fondés sur une information de qualité issue de plusieurs sources.",
    "Judgments with a narrow basis": "Jugements à base étroite",
    "Locator sketch of the venues, drawn from their coordinates": "Croquis de situation des lieux, tracé d'après leurs coordonnées",
    "Main events on a time axis; hollow markers are announced events. Each is detailed in the table below.":
        "Principaux événements sur un axe chronologique ; les marqueurs creux sont des événements annoncés. Chacun est détaillé dans le tableau ci-dessous.",
    "Meaning": "Signification",
    "Page %(page)s of %(pages)s": "Page %(page)s sur %(pages)s",
    "Participants and delegations": "Participants et délégations",
    "People named in the reporting, with their names in the original script.":
        "Personnes nommées dans les sources, avec leur nom dans l'écriture d'origine.",
    "Places named in the reporting; coordinates and time zones come from the reference works listed with the sources.":
        "Lieux nommés dans les sources ; coordonnées et fuseaux horaires proviennent des ouvrages de référence cités avec les sources.",
    "Produced by": "Produit par",
    "Reliability of the reporting sources": "Fiabilité des sources d'information",
    "Reported durations: %(event)s": f"Durées rapportées{NB}: %(event)s",
    "Reported facts cite numbered sources [n]; analytic judgments are set apart and labelled with their estimative term and confidence.":
        "Les faits rapportés renvoient à des sources numérotées [n] ; les jugements analytiques sont présentés à part, avec leur terme d'estimation et leur niveau de confiance.",
    "Rests on:": f"Repose sur{NB}:",
    "Source reliability (Admiralty code)": "Fiabilité de la source (code de l'Amirauté)",
    "Source summary": "Bilan des sources",
    "The PDF carries the fact base it was built from as an attached file.":
        "Le PDF contient en pièce jointe la base de faits à partir de laquelle il a été produit.",
    "Timeline of the main events": "Frise chronologique des principaux événements",
    "UNCLASSIFIED // OPEN SOURCE": "NON CLASSIFIÉ // SOURCES OUVERTES",
    "Venues placed by their coordinates (no base map; places inside a city are shown with it).":
        "Lieux placés d'après leurs coordonnées (sans fond de carte ; les lieux situés dans une ville sont représentés avec elle).",
    "not graded": "non coté",
    "single origin": "origine unique",
    "single source": "source unique",
    "highly unlikely": "hautement improbable",
    "realistic possibility": "possibilité réaliste",
    "highly likely": "hautement probable",
}


def fill(locale: str, table: dict[str, str] | None) -> None:
    path = Path("locale") / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=locale)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):  # a plural entry: one form per plural category
            if not all(message.string):
                forms = message.id if table is None else table.get(message.id[0], ("",) * len(message.id))
                message.string = tuple(forms)
        elif not message.string:
            message.string = message.id if table is None else table.get(message.id, "")
    with path.open("wb") as stream:
        write_po(stream, catalog, width=100, omit_header=False, sort_output=True)


if __name__ == "__main__":
    fill("en", None)
    fill("fr", FR)
