"""yaml-syntax: the file is not well-formed YAML.

What it does
    Reported by the loader while it reads the file; nothing else can be checked until it
    is fixed. The message gives the line and column. A ``{`` or ``[`` left open is reported
    at the bracket, and the message says where the parser stopped (the next key, or the end
    of the file), since the bracket is what must be closed; a quotation mark left open, which
    runs to the end of the file, is reported where it opened.

Why is this bad?
    A missing bracket, a bad indent or a tab makes the whole file unreadable: nothing can be
    checked or built until it is fixed.

Example
    ```yaml
    participants: [mayor, harbour-master
    ```

Use instead
    ```yaml
    participants: [mayor, harbour-master]
    ```
"""

ID = "yaml-syntax"
SEVERITY = "error"
SUMMARY = "the file is not well-formed YAML"
STAGE = "load"
