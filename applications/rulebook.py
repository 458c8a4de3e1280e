"""The programme's rule numbers as data: rule sets, each in force from a date, and their limits
(team sizes per category and party, period lengths, visit counts, which categories a team
admits), each with the programme text it comes from. Staff keep them in the admin; the pure
rules (`rules/`) get them as a plain `rules.RuleSet`.

An application is judged by the rule set in force on the day it was submitted, a draft by
today's (`findings.judged_on`). A rule set in force is never changed: staff save a change as a
new rule set with a later effective date, so a submitted application keeps its verdict.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from partnerships.models import Component

from . import rules


class RuleSet(models.Model):
    name = models.CharField(_("name"), max_length=100)
    effective_from = models.DateField(
        _("in force from"),
        unique=True,
        help_text=_(
            "Applications submitted from this day, and every draft from it, are judged by this "
            "rule set."
        ),
    )
    note = models.TextField(_("why it changed"), blank=True)

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_from})"


class RuleLimit(models.Model):
    SEVERITIES = [(rules.ERROR, _("Error: blocks submission")), (rules.WARNING, _("Warning"))]

    rule_set = models.ForeignKey(
        RuleSet, on_delete=models.CASCADE, related_name="limits", verbose_name=_("rule set")
    )
    component = models.CharField(_("component"), max_length=20, choices=Component.choices)
    key = models.CharField(
        _("rule"), max_length=30, choices=[(k, label) for k, label in rules.RULE_KEYS.items()]
    )
    minimum = models.PositiveSmallIntegerField(_("at least"), null=True, blank=True)
    maximum = models.PositiveSmallIntegerField(_("at most"), null=True, blank=True)
    severity = models.CharField(
        _("severity"), max_length=10, choices=SEVERITIES, default=rules.ERROR
    )
    categories = models.JSONField(
        _("categories admitted"),
        default=list,
        blank=True,
        help_text=_("For the rule on categories: politician, official, civil_society, …"),
    )
    source = models.CharField(_("source"), max_length=40, blank=True)
    seed = models.CharField(_("programme page"), max_length=40, blank=True)
    quote = models.TextField(_("quoted line"), blank=True)

    class Meta:
        verbose_name = _("rule limit")
        verbose_name_plural = _("rule limits")
        ordering = ["component", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "component", "key"], name="rule_limit_once_per_set"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_component_display()}: {self.get_key_display()}"

    def clean(self) -> None:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValidationError({"maximum": _("The maximum cannot be below the minimum.")})
        unknown = set(self.categories or []) - set(rules.CATEGORIES)
        if unknown:
            raise ValidationError(
                {"categories": _("Unknown categories: %(names)s.") % {"names": ", ".join(unknown)}}
            )

    def as_limit(self) -> rules.Limit:
        return rules.Limit(
            minimum=self.minimum,
            maximum=self.maximum,
            severity=self.severity,
            source=self.source,
            categories=frozenset(self.categories or ()),
        )


def rule_sets() -> Callable[[datetime.date], rules.RuleSet]:
    """{day → the plain rule set in force that day}, read in one query. Before the first
    stored rule set (or with none stored) the default one applies."""
    stored: dict[int, rules.RuleSet] = {}
    for limit in RuleLimit.objects.select_related("rule_set").order_by("rule_set__effective_from"):
        rule_set = limit.rule_set
        plain = stored.setdefault(
            rule_set.pk, rules.RuleSet(rule_set.effective_from, {}, rule_set.name)
        )
        plain.limits[(limit.component, limit.key)] = limit.as_limit()
    versions = sorted(stored.values(), key=lambda r: r.effective_from)
    days = [r.effective_from for r in versions]

    def in_force(day: datetime.date) -> rules.RuleSet:
        index = bisect.bisect_right(days, day)
        return versions[index - 1] if index else rules.DEFAULT_RULES

    return in_force


def rules_in_force(day: datetime.date) -> rules.RuleSet:
    return rule_sets()(day)


@transaction.atomic
def load_default_rule_set() -> int:
    """The default rule set (today's behaviour, each limit with its quoted source), unless staff
    already keep rule sets: their edits are never overwritten. Returns the limits added."""
    if RuleSet.objects.exists():
        return 0
    default = rules.DEFAULT_RULES
    rule_set = RuleSet.objects.create(
        name=default.name,
        effective_from=default.effective_from,
        note="Partnerskapsprogrammets komponenter (2024) och Kommunala partnerskap (2024).",
    )
    rows = []
    for (component, key), limit in sorted(default.limits.items()):
        if limit.minimum is None and limit.maximum is None and not limit.categories:
            continue  # a placeholder: no rule for this component
        source = rules.SOURCES.get(limit.source)
        rows.append(
            RuleLimit(
                rule_set=rule_set,
                component=component,
                key=key,
                minimum=limit.minimum,
                maximum=limit.maximum,
                severity=limit.severity,
                categories=sorted(limit.categories),
                source=limit.source,
                seed=source.seed if source else "",
                quote=source.quote if source else "",
            )
        )
    RuleLimit.objects.bulk_create(rows)
    return len(rows)
