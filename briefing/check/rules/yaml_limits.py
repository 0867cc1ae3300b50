"""yaml-limits: the file is too large or too deeply nested.

What it does
    Reported by the loader while it reads the file; nothing else can be checked until it
    is fixed. The message gives the line and column.

Why is this bad?
    Limits keep a malformed or hostile file from exhausting memory or time during the check.

Example
    ```yaml
    a: {b: {c: {d: ...}}}   # 70 levels deep
    ```

Use instead
    ```yaml
    keep records flat: a list of records, each a mapping
    ```
"""

ID = "yaml-limits"
SEVERITY = "error"
SUMMARY = "the file is too large or too deeply nested"
STAGE = "load"
