"""`in` on integer columns that leaves out values no such column can hold.

Django (since 5.0) answers `exact`, `gt`, `lt`… with an out-of-range integer by an empty result
instead of asking the database, but not `in`: SQLite raises OverflowError on an integer beyond
64 bits, so a form's checkbox value of "999…9" (ModelMultipleChoiceField, the admin's
selected-rows action) was a server error. Registered on IntegerField in core/apps.py, which
covers every integer and auto primary key of every app.
"""

from __future__ import annotations

from django.db.models.lookups import In


class IntegerFieldIn(In):
    lookup_name = "in"

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
