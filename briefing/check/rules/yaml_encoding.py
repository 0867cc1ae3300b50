"""yaml-encoding: the file is not UTF-8.

What it does
    Reported by the loader while it reads the file; nothing else can be checked until it
    is fixed. The message gives the line and column.

Why is this bad?
    Text pasted from other tools can arrive in Latin-1 or Windows-1252; read as UTF-8 it
    would show as garbage in the brief. The message names the byte offset.

Example
    ```yaml
    title: caf\xe9        # a Latin-1 byte
    ```

Use instead
    ```yaml
    title: café         # saved as UTF-8
    ```
"""

ID = "yaml-encoding"
SEVERITY = "error"
SUMMARY = "the file is not UTF-8"
STAGE = "load"
