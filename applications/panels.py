"""The pages of applications that apps above it fill in (core.panels): each such app registers
its panel in its `AppConfig.ready`, and the page's view fills them."""

from core.panels import Panels

# The case page (views.cases.case): the decision, the agreement, the reports, the messages.
CASE_PANELS = Panels()
# "Mina ärenden" (views.cases.dashboard), filled with the object None: the reports due.
DASHBOARD_PANELS = Panels()
