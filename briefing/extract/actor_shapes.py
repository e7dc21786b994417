r"""Shapes of actor names no lexicon lists: named bodies, armed groups, outlets, units, companies, state bodies.

Each pattern's group 1 is the name. Speed idiom (see actor_lexicon.UPPER): "[A-Z](?<![\w-].)" is "(?<![\w-])[A-Z]"
written so the pattern starts with a character set the regex engine can skip to. actor_patterns tries several of them
only at offsets derived from a literal every match holds; tests/test_actors.py checks those anchors against full scans.
"""
from __future__ import annotations

import re

ORG_HEADS = (r"Ministry|Committee|Council|Commission|Agency|Service|Services|Organisation|Organization|Center|Centre|"
             r"Department|Authority|Court|Tribunal|Party|Assembly|Parliament|Army|Navy|Air Force|Air force|"
             r"Armed Forces|Guard|Guards|Corps|Command|Directorate|Bureau|Office|Front|Brigade|Brigades|Militia|"
             r"Battalion|Forces|Force|Mission|Movement|Fund|Alliance|League|Federation|Union|Observatory|Group|"
             r"Institute|Society|Association|Foundation|Network|Administration|Government|Regiment|Division|Fleet|"
             r"Military District|General Staff")
# "... of Russia", "... for Human Rights": a name may go on after its head word.
ORG_TAIL = r"(?:[ ](?:of|for)[ ](?:the[ ])?[A-Z][\w’'-]+(?:[ ](?:and[ ])?[A-Z][\w’'-]+)*)?"
# Names of non-state armed groups: the words that mark them, and military heads without a state modifier.
ARMED_WORDS = re.compile(r"\b(?:Front|Brigades?|Militias?|Battalions?|Liberation|Resistance|Jihad|Mujahideen|Mujahidin|"
                         r"Revolutionary|Insurgents?|Rebels?|Islamic Front|Islamic Army|"
                         r"Defen[cs]e (?:Army|Forces|Units))\b")
MILITARY_HEADS = {"Army", "Navy", "Air Force", "Air force", "Armed Forces", "Forces", "Force", "Guard", "Guards",
                  "Corps", "Regiment", "Division", "Fleet", "Military District"}
ORG_WORD = r"(?:[A-Z][\w’'-]*|of|for|the|on|de)"
# Named bodies, two shapes: "... Ministry/Council/Army" and "Ministry of ...". They are scanned as one alternation
# (`scans.alternation_finditer`, ORG_NAMED first), each with its first capital taken first (the idiom above).
ORG_NAMED = re.compile(rf"([A-Z](?<![\w-].)[\w’'-]*[ ]+(?:{ORG_WORD}[ ]+){{0,5}}(?:{ORG_HEADS}){ORG_TAIL})(?![\w-])")
_OF_HEADS = ("Ministry", "Department", "Office", "Institute", "Organi[sz]ation", "Council", "Committee", "Society",
             "League", "Union", "Federation", "Association", "Bureau", "Commission", "Court", "Coalition")
ORG_OF = re.compile(r"((?:" + "|".join(head[0] + r"(?<![\w-].)" + head[1:] for head in _OF_HEADS)
                    + r") (?:of|for) (?:the )?[A-Z][\w-]+(?: (?:(?:and|of|for|the) )*[A-Z][\w-]+)*)")
_GROUP_LEADS = ("Jaish", "Lashkar", "Harkat", "Tehreek", "Tehrik", "Hizb", "Jamaat", "Ansar", "Ahrar", "Jund", "Liwa",
                "Saraya", "Kataib", "Kata'ib", "Ittehad", "Majlis")
GROUP_RE = re.compile(r"((?:" + "|".join(lead[0] + r"(?<![\w-].)" + lead[1:] for lead in _GROUP_LEADS) + r")"
                      r"(?:[- ](?:e|ul|al|ut|i|e-)[- ]?|[- ])[A-Z][\w-]+(?:[- ][A-Z][\w-]+){0,2})")
# (Every match starts with one of LOWER_INSTITUTION_LEADS: it is scanned from where they occur.)
LOWER_INSTITUTION_LEADS = ("foreign", "defence", "defense", "interior", "home", "information", "finance", "health",
                           "special", "security", "intelligence", "peacekeep", "emergency")
LOWER_INSTITUTION = re.compile(r"(?<![\w-])((?:foreign|defence|defense|interior|home|information|finance|health) "
                               r"(?:ministry|office)|special services|security services|intelligence services|"
                               r"peacekeeping contingent|peacekeepers|peacekeeping forces|peacekeeping mission|"
                               r"emergency services?)(?![\w-])")
PEACEKEEPERS = re.compile(r"peacekeep\w*(?: (?:contingent|forces?|mission|troops))?$")
# News outlets, two shapes scanned as one alternation (`alternation_finditer`), group 1 the outlet's name:
# "news agency X" and "The X Times". Each first letter is taken first (the idiom above); "(?<=T)he" is "The"
# whose "T" was taken so.
OUTLET_NOUNS = ("Telegram channel", "YouTube channel", "Facebook channel", "Instagram channel", "TikTok channel",
                 "TV channel", "television channel", "radio channel", "media outlet", "news outlet", "newspaper",
                 "news agency", "news site", "news website", "tabloid", "broadcaster", "magazine", "daily")
MEDIA_NAMED_AFTER = re.compile("(?:" + "|".join(noun[0] + r"(?<![\w-].)" + noun[1:] for noun in OUTLET_NOUNS) + ")"
                               r"\s+((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,3})")
PAPER_HEADS = r"(?:Times|Herald|Gazette|Tribune|Journal|Observer|Telegraph|Chronicle|Dispatch|Courier)"
MEDIA_TITLE = re.compile(rf"([A-Z](?<![\w-].)(?:(?<=T)he\s+(?:[A-Z][\w’'-]+\s+){{1,3}}{PAPER_HEADS}"
                         rf"|[\w’'-]+\s+(?:[A-Z][\w’'-]+\s+){{0,2}}{PAPER_HEADS}"
                         rf"|(?<=T)he\s+(?:[A-Z][\w’'-]+\s+){{1,3}}Post))(?![\w-])")
MEDIA_RES = (MEDIA_NAMED_AFTER, MEDIA_TITLE)
ACRONYM_PHRASE = re.compile(r"([A-Z](?<![\w-].)[\w’'-]*"
                            r"(?:[ ](?:[A-Z][\w’'-]*|of|for|the|and|on|de|du|la|des|et|in)){1,9})"
                            r"\s*\(([A-Z][A-Za-z]{1,7})\)")
ARMED_LOWER = re.compile(r"([SsBbEe](?<![\w-].)(?:(?<=[Ss])eparatist|(?<=[Bb])reakaway|(?<=[Ee])thnic)\s+"
                         r"(?:(?:separatist|rebel|ethnic)\s+)*"
                         r"[A-Z][\w-]+\s+(?:forces|fighters|rebels|militants|separatists|militias?))(?![\w-])")
JUNTA = re.compile(r"(?<![\w-])(junta|military junta)(?![\w-])")
NAMED_FORCES = re.compile(r"(([A-Z](?<![\w.-].)[a-z]+) (?:forces|fighters|rebels|militants|militias?))(?![\w-])")
GENERIC_FORCE_WORDS = {"Coalition", "Government", "Special", "Allied", "Armed", "Ground", "Naval", "Enemy", "Foreign",
                       "Regime", "Rebel", "Pro", "Local", "Regional", "Western", "Elite", "Proxy", "Federal",
                       "Militia", "Some", "Other", "Opposing", "Friendly", "Hostile", "Rival", "Our", "Their"}
STATE_MEDIA = re.compile(r"([Ss](?<![\w-].)tate(?:-run|-owned)? (?:media|television|TV|broadcaster|news agency))"
                         r"(?![\w-])")
REPUBLIC_RE = re.compile(r"(?<![\w-])((?:Self-[Pp]roclaimed |Breakaway )?(?:People's |Democratic )?Republic of "
                         r"[A-Z][\w-]+(?: [A-Z][\w-]+)?)")
ACRONYM_DEF = re.compile(r"\s*\((?:the\s+)?([A-Z][A-Za-z]{1,7})(?:\s+group)?\)")

LED_BY = r"[\w’'.]+-(?:led|backed|based|run|owned|allied|aligned|funded|sponsored|supported|dominated|controlled)"
POSSESSIVE_NAMES = {"People", "Workers", "Women", "Children", "Martyrs", "Farmers", "Veterans", "Mothers", "Students"}
# Acronym phrases that name a line, zone or region ("Line of Actual Control (LAC)") are places, not bodies.
GEO_HEADS = {"Line", "Valley", "Corridor", "Zone", "Region", "Territory", "Territories", "River", "Pass", "Sea",
             "Strait", "Province", "Oblast", "Mountains", "Peninsula", "Plateau", "Basin", "Desert", "Lake"}
NOT_DESCRIPTIVE = r"(?!(?:the|a|an|and|or|of|to|in|on|at|by|for|with|from|its|their|his|her|has|have|had|was|were|is|" \
                   r"are|be|been|said|says|which|that|who|whose)\b)"
# "Poland's national security committee", "Kyrgyzstan's security service": a state's body in lower case.
STATE_BODY_HEADS = ("committee", "council", "commission", "service", "agency", "directorate", "bureau", "court",
                    "guard", "prosecutor's office", "prosecutors")
STATE_BODY_LOWER = re.compile(rf"(?<![\w’'-])((?:{NOT_DESCRIPTIVE}[a-z][a-z-]*\s+){{1,3}}"
                              rf"(?:{'|'.join(STATE_BODY_HEADS)}))(?![\w-])")
# "Lublin prosecutors", "Polish prosecutors": prosecutors of a named place or state.
PROSECUTORS = re.compile(r"([A-Z](?<![\w-].)[\w’'-]+(?: [A-Z][\w’'-]+)?) ((?:(?:regional|city|district|military|"
                         r"federal|state|local|public|chief) )?(?:prosecutors|prosecutor's office))(?![\w-])")
# "the presidential guard": the guard of a head of state, a unit that often acts in coups.
GUARD = re.compile(r"(?<![\w-])((?:presidential|republican|royal|national) guard)(?![\w-])")
# "16 Bihar regiment", "3rd Infantry Division": numbered military units.
NUMBERED_UNIT = re.compile(r"(\d(?<![\w-].)\d{0,2}(?:st|nd|rd|th)? (?:[A-Z][\w’'-]+ ){1,3}(?:[Rr]egiment|[Bb]attalion|"
                           r"[Bb]rigade|[Dd]ivision|[Cc]orps|[Rr]ifles|[Ff]leet|[Aa]rmy|[Ss]quadron))(?![\w-])")
COMPANY_NOUN_WORDS = ("company", "firm", "utility", "operator", "corporation", "conglomerate", "airline", "carrier",
                      "producer", "supplier", "manufacturer", "contractor", "monopoly")
COMPANY_NOUNS = "(?:" + "|".join(COMPANY_NOUN_WORDS) + ")"
COMPANY_NAME = r"[A-Z][\w&’'.-]*(?: (?:[A-Z][\w&’'.-]*|of|and|&))*?(?: [A-Z][\w&’'.-]*)?"
# "Niger's power company, Nigelec, said" / "Nigelec, the national electricity company, said".
COMPANY_BEFORE = re.compile(rf"(?<![\w-])((?:[Tt]he|[Aa]n?|[Ii]ts|[A-Z][\w’'-]*['’]s)\s+"
                            rf"(?:{NOT_DESCRIPTIVE}[A-Za-z][\w-]*\s+)"
                            rf"{{0,3}}{COMPANY_NOUNS}),\s+({COMPANY_NAME})(?=,|\.|;|\s+(?:said|says|which|that)\b)")
# (The description must close the apposition: in "Separately, the company said" it is the subject.)
COMPANY_AFTER = re.compile(rf"([A-Z](?<![\w’'-].){COMPANY_NAME.removeprefix('[A-Z]')}),\s+"
                           rf"((?:the|a|an|[A-Z][\w’'-]*['’]s)\s+"
                           rf"(?:{NOT_DESCRIPTIVE}[A-Za-z][\w-]*\s+){{0,3}}{COMPANY_NOUNS})(?=[,.;])")
