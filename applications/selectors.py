import datetime

from .models import ApplicationRound


def rounds_overview(today: datetime.date) -> dict[str, list[ApplicationRound]]:
    """Open, coming and recently closed rounds: what the rounds page and home page show."""
    rounds = list(ApplicationRound.objects.all())
    return {
        "open": [r for r in rounds if r.is_open(today)],
        "coming": [r for r in rounds if r.opens_on > today],
        "closed": sorted(
            (r for r in rounds if r.closes_on < today), key=lambda r: r.closes_on, reverse=True
        )[:4],
    }
