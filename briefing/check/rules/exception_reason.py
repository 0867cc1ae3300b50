"""exception-reason: a deliberate exception to a rule that gives no reason.

What it does
    A record may excuse itself from a rule with
    ``exceptions: [{rule: RULE-ID, reason: "..."}]``. This rule reports an exception
    without a reason, or naming a rule that does not exist.

Why is this bad?
    An exception is a decision; without its reason a reviewer cannot tell a considered
    choice from a silenced error.

Example
    ```yaml
    exceptions:
      - rule: unused-record
    ```

Use instead
    ```yaml
    exceptions:
      - rule: unused-record
        reason: "Kept for the next edition, which will cite it."
    ```
"""

ID = "exception-reason"
SEVERITY = "error"
SUMMARY = "a deliberate exception without a reason, or for an unknown rule"
STAGE = "engine"
