"""yaml-syntax: the file is not well-formed YAML.

What it does
    Reported by the loader while it reads the file; nothing else can be checked until it
    is fixed. The message gives the line and column.

Why is this bad?
    A missing bracket, a bad indent or a tab makes the whole file unreadable: nothing can be
    checked or built until it is fixed.

Example
    ```yaml
    participants: [putin, kim-jong-un
    ```

Use instead
    ```yaml
    participants: [putin, kim-jong-un]
    ```
"""

ID = "yaml-syntax"
SEVERITY = "error"
SUMMARY = "the file is not well-formed YAML"
STAGE = "load"
