"""The rubric every component starts with, from the programme's own pages (the seed lines cited
in `source`); staff edit it in the admin afterwards, and this migration never overwrites them."""

from django.db import migrations

PAGE = "Partnerskapsprogrammets komponenter"
CRITERIA = [
    (
        "anchoring",
        "Förankring i båda organisationerna",
        "Anchoring in both organisations",
        "Har partnerskapet stöd i båda organisationerna och bred förankring bland politiker och "
        "tjänstepersoner? 1 = ingen förankring visad, 5 = politiskt stöd och förankring i "
        "kommunledningen hos båda parter.",
        "Does the partnership have support in both organisations and broad anchoring among "
        "politicians and officials? 1 = none shown, 5 = political support and anchoring in the "
        "leadership of both parties.",
        f"{PAGE}, rad 9 och 31; Nätverk, rad 30",
    ),
    (
        "core_areas",
        "De demokratiska kärnområdena",
        "The core democratic areas",
        "Ger arbetet samhällseffekt inom jämlikhet, delaktighet, transparens och "
        "ansvarsutkrävande? 1 = inget samband, 5 = tydliga mål inom kärnområdena.",
        "Does the work have a societal effect in equality, participation, transparency and "
        "accountability? 1 = no link, 5 = clear goals in the core areas.",
        f"{PAGE}, rad 17; Kommunala partnerskap, rad 28",
    ),
    (
        "team",
        "Teamets sammansättning och jämställdhet",
        "Team composition and gender balance",
        "Följer teamen programmets regler per part (politiker från majoritet och opposition, "
        "tjänstepersoner, samordnare), och är de jämställda? 1 = brister, 5 = fullt ut.",
        "Do the teams follow the programme's rules per party (majority and opposition "
        "politicians, officials, coordinator), and are they gender balanced? 1 = lacking, "
        "5 = fully.",
        f"{PAGE}, rad 9 och 34",
    ),
    (
        "continuity",
        "Kontinuitet",
        "Continuity",
        "Bygger ansökan vidare på tidigare arbete och säkrar den kontinuitet i teamen? "
        "1 = ingen plan, 5 = tydlig plan för kontinuitet.",
        "Does the application build on earlier work and secure continuity in the teams? "
        "1 = no plan, 5 = a clear plan for continuity.",
        f"{PAGE}, rad 31 och 86",
    ),
    (
        "learning_goals",
        "Besöksplanens lärandemål",
        "The visit plan's learning goals",
        "Säger besöksplanen vad parterna ska lära av och utbyta med varandra? 1 = inga mål, "
        "5 = konkreta mål för varje besök.",
        "Does the visit plan say what the parties will learn from and exchange with each other? "
        "1 = no goals, 5 = concrete goals for each visit.",
        f"{PAGE}, rad 66–70",
    ),
    (
        "budget",
        "Budgetens realism",
        "Budget realism",
        "Står budgeten i proportion till besöken och deltagarna? 1 = orealistisk, 5 = väl "
        "underbyggd.",
        "Is the budget in proportion to the visits and participants? 1 = unrealistic, 5 = well "
        "founded.",
        f"{PAGE}, rad 7 och 70",
    ),
]
COMPONENTS = ["forberedelse", "projekt", "styrgrupp", "breddning", "spridning"]


def seed(apps, schema_editor):
    Criterion = apps.get_model("assessments", "Criterion")
    for component in COMPONENTS:
        for order, (key, title_sv, title_en, guide_sv, guide_en, source) in enumerate(CRITERIA):
            Criterion.objects.get_or_create(
                component=component,
                key=key,
                defaults={
                    "order": order,
                    "title_sv": title_sv,
                    "title_en": title_en,
                    "guidance_sv": guide_sv,
                    "guidance_en": guide_en,
                    "source": source,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
