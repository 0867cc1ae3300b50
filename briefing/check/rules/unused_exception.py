"""unused-exception: a deliberate exception that no longer excuses anything.

What it does
    Reports an entry of a record's ``exceptions`` whose rule reports nothing for that
    record any more.

Why is this bad?
    Stale exceptions accumulate and would silently hide a real problem the day it comes
    back. Remove them once the problem they excused is gone.

Example
    ```yaml
    exceptions:
      - rule: original-script-name   # but original_name has since been added
        reason: "..."
    ```

Use instead
    Delete the exception.
"""

ID = "unused-exception"
SEVERITY = "warning"
SUMMARY = "a deliberate exception that matches no problem"
STAGE = "engine"
