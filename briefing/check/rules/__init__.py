"""The rule catalogue: one module per rule, registered here by id, in catalogue order."""

from __future__ import annotations

from types import ModuleType

from briefing.check.rules import (
    ambiguous_time_zone,
    carried_by_relay,
    confidence_basis,
    credibility_basis,
    conflict_resolution,
    date_order,
    duplicate_id,
    duplicate_key,
    estimative_in_fact,
    estimative_scale,
    event_outside_parent,
    exception_reason,
    first_since,
    gift_participants,
    invisible_character,
    judgment_basis,
    judgment_rationale,
    catalog_placeholders,
    missing_catalog,
    missing_locale,
    missing_reliability,
    mixed_script,
    original_script_name,
    previous_edition,
    part_longer_than_whole,
    partial_quotation,
    reference_cycle,
    schema,
    signatory_present,
    single_origin,
    skipped_time,
    source_after_event,
    stale_announcement,
    term_collision,
    unbalanced_quotes,
    untranslated_catalog,
    unknown_kind,
    unknown_reference,
    unmarked_conflict,
    unsourced_claim,
    unused_exception,
    unused_record,
    url_scheme,
    venue_country,
    weekday_mismatch,
    yaml11_scalar,
    yaml_encoding,
    yaml_limits,
    yaml_syntax,
    yaml_unsafe,
)

_CATALOGUE = (
    # YAML hygiene
    yaml_syntax, yaml_encoding, yaml_limits, yaml_unsafe, duplicate_key, yaml11_scalar,
    # schema, identity and references
    schema, duplicate_id, unknown_reference, reference_cycle, unused_record, unknown_kind,
    # sourcing
    unsourced_claim, source_after_event, single_origin, missing_reliability, url_scheme, previous_edition,
    credibility_basis, carried_by_relay,
    # time
    event_outside_parent, date_order, part_longer_than_whole, weekday_mismatch,
    ambiguous_time_zone, skipped_time, first_since, stale_announcement,
    # roles
    gift_participants, signatory_present, venue_country,
    # conflicts
    unmarked_conflict, conflict_resolution,
    # text hygiene
    mixed_script, invisible_character, unbalanced_quotes,
    # localization
    missing_locale, missing_catalog, untranslated_catalog, catalog_placeholders, original_script_name,
    term_collision,
    # judgments
    estimative_scale, judgment_basis, judgment_rationale, confidence_basis, estimative_in_fact, partial_quotation,
    # exceptions
    exception_reason, unused_exception,
)

REGISTRY: dict[str, ModuleType] = {rule.ID: rule for rule in _CATALOGUE}
