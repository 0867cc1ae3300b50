"""duplicate-key: a mapping key appears twice.

What it does
    Reported by the loader while it reads the file; nothing else can be checked until it
    is fixed. The message gives the line and column.

Why is this bad?
    YAML keeps only the last of two equal keys, silently: the first value is lost data, and
    the brief would omit it without a word.

Example
    ```yaml
    credibility: 2
    credibility: 3
    ```

Use instead
    ```yaml
    credibility: 2
    ```
"""

ID = "duplicate-key"
SEVERITY = "error"
SUMMARY = "a mapping key appears twice"
STAGE = "load"
