import pytest

from exports.exporters import EXPORTERS
from tests.reporting.factories import complete_report, granted_case

pytestmark = pytest.mark.django_db


def test_the_reports_export_has_a_row_per_report_with_its_actual_costs():
    application, people = granted_case()
    complete_report(application, people, status="submitted")
    table = EXPORTERS["reports"].produce({"round": None, "format": "csv"})
    rows = list(table.rows)
    assert table.total == len(rows) == 1
    row = rows[0]
    assert row[0] == application.case_number
    assert row[-1] == sum(line.amount_sek for line in people["lines"])


@pytest.mark.parametrize("reports", [1, 3])
def test_the_reports_export_reads_in_a_fixed_number_of_queries(reports, django_assert_num_queries):
    for _ in range(reports):
        application, people = granted_case()
        complete_report(application, people)
    with django_assert_num_queries(2):
        table = EXPORTERS["reports"].produce({"round": None, "format": "csv"})
        assert len(list(table.rows)) == reports
