"""yaml-unsafe: tags, aliases or merge keys, which a fact base may not use.

What it does
    Reported by the loader while it reads the file; nothing else can be checked until it
    is fixed. The message gives the line and column.

Why is this bad?
    Tags can make a YAML reader build arbitrary objects; aliases can expand a few bytes into
    billions of values (an "alias bomb"); merge keys hide where a value comes from. A
    fact base is plain data.

Example
    ```yaml
    name: &n {en: Talks}
    summary: *n
    ```

Use instead
    ```yaml
    name: {en: Talks}
    summary: {en: Talks}
    ```
"""

ID = "yaml-unsafe"
SEVERITY = "error"
SUMMARY = "tags, aliases or merge keys, which a fact base may not use"
STAGE = "load"
