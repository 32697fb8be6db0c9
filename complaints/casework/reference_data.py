"""The reference data a new installation starts with.

Teams and themes are the reference report's (a council edits them in the
admin); channels are the ways representations arrive; ethnicity and
disability are the DfE children in need census codes; religion is the ONS
2021 census question. Data migrations load these lists; codes never change.
"""

SERVICE_AREAS_AND_TEAMS = {
    "Children's Social Care": [
        "Triage, MASH and Assessment",
        "Intervention and Support Service",
    ],
    "Corporate Parenting": [
        "Care Resources",
        "Fostering",
        "Leaving Care",
    ],
    "Disabilities": ["Children and Adults with Disabilities"],
    "Adoption": ["Adopt London"],
    "Business Management": ["Business Management"],
}

THEMES = [
    ("attitude", "Attitude or behaviour of staff"),
    ("communication", "Lack of communication"),
    ("standard", "Standard of service not met"),
    ("decision", "Disputing a decision"),
    ("inaccurate", "Inaccurate information given or recorded"),
    ("financial", "Financial issues"),
    ("delay", "Delay in providing a service"),
    ("data", "Data protection or confidentiality"),
    ("other", "Other"),
]

CHANNELS = [
    ("letter", "Letter"),
    ("email", "Email"),
    ("telephone", "Telephone"),
    ("childrens-app", "Children's app"),
    ("online", "Online"),
    ("in-person", "In person"),
]

ETHNICITIES = [
    ("WBRI", "White British"),
    ("WIRI", "White Irish"),
    ("WIRT", "Traveller of Irish heritage"),
    ("WOTH", "Any other White background"),
    ("WROM", "Gypsy/Roma"),
    ("MWBC", "White and Black Caribbean"),
    ("MWBA", "White and Black African"),
    ("MWAS", "White and Asian"),
    ("MOTH", "Any other mixed background"),
    ("AIND", "Indian"),
    ("APKN", "Pakistani"),
    ("ABAN", "Bangladeshi"),
    ("AOTH", "Any other Asian background"),
    ("BCRB", "Caribbean"),
    ("BAFR", "African"),
    ("BOTH", "Any other Black background"),
    ("CHNE", "Chinese"),
    ("OOTH", "Any other ethnic group"),
    ("REFU", "Refused"),
    ("NOBT", "Information not yet obtained"),
]

DISABILITIES = [
    ("NONE", "No disability"),
    ("MOB", "Mobility"),
    ("HAND", "Hand function"),
    ("PC", "Personal care"),
    ("INC", "Incontinence"),
    ("COMM", "Communication"),
    ("LD", "Learning"),
    ("HEAR", "Hearing"),
    ("VIS", "Vision"),
    ("BEH", "Behaviour"),
    ("CON", "Consciousness"),
    ("AUT", "Autism or Asperger syndrome"),
    ("DDA", "Other disability under the Equality Act"),
]

RELIGIONS = [
    ("none", "No religion"),
    ("christian", "Christian"),
    ("buddhist", "Buddhist"),
    ("hindu", "Hindu"),
    ("jewish", "Jewish"),
    ("muslim", "Muslim"),
    ("sikh", "Sikh"),
    ("other", "Other religion"),
    ("not-stated", "Not stated"),
]

LISTS = {
    "Theme": THEMES,
    "Channel": CHANNELS,
    "Ethnicity": ETHNICITIES,
    "Disability": DISABILITIES,
    "Religion": RELIGIONS,
}


def load(apps, schema_editor=None):
    """Create or update the starting reference data. Safe to run twice."""
    ServiceArea = apps.get_model("accounts", "ServiceArea")
    Team = apps.get_model("accounts", "Team")
    for area_name, teams in SERVICE_AREAS_AND_TEAMS.items():
        area, _ = ServiceArea.objects.get_or_create(name=area_name)
        for team_name in teams:
            Team.objects.get_or_create(name=team_name, defaults={"service_area": area})
    for model_name, items in LISTS.items():
        model = apps.get_model("casework", model_name)
        for order, (code, name) in enumerate(items):
            model.objects.update_or_create(code=code, defaults={"name": name, "order": order})
