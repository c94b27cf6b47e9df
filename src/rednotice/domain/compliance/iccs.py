"""The UN International Classification of Crime for Statistical Purposes (ICCS), and a classifier of charges.

Source: UNODC, *International Classification of Crime for Statistical Purposes (ICCS)*, Version 1.0,
March 2015 (endorsed by the UN Statistical Commission in March 2015). The codes and English names were
checked against the category list of that document as reproduced in the ICCS glossary of the OAS
Inter-American Observatory on Security, Eurostat's ``crim_off_cat`` code list, and the full English
and Spanish ICCS category tables published with Chile's CNP-ICCS correspondence project.

Levels encoded: **all four are complete**. Level 1 (the 11 sections ``01``...``11``), level 2 (the 63
divisions, e.g. ``0101``), level 3 (groups, five digits, e.g. ``02022``) and level 4 (classes, six
digits, e.g. ``020221`` Kidnapping), written as UNODC writes them, with the leading zero.

The classifier, :func:`classify_offence`, reads a charge and returns the most specific ICCS category
that the *offence label* positively names (its docstring, and ``docs/iccs.md``, say how). It is a
statistical placement, not a legal qualification: ICCS codes an act by what was done, so a charge is
placed where ICCS puts that act, political-sounding ones included when ICCS has a place for them
(treason and sedition are acts against state security, 0904; insulting the head of State is 0809;
mass riots are violent public disorder, 08011).

Standard library only; the word lists are compiled on first use (``functools.lru_cache``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from rednotice.domain.compliance.text import Hit, Lexicon, normalise

# --- The taxonomy ---------------------------------------------------------------------------------

# (code, official English name). The level and the parent follow from the code's length: 2 digits a
# section, 4 a division, 5 a group, 6 a class. Notes on the sources:
# * 02044 "TIP for other purposes" is 02044 in Eurostat's list and the Spanish ICCS (one English
#   transcription numbers it 02049): 02044 is used.
# * ICCS abbreviates trafficking in persons to "TIP" in the names of 0204's groups: spelt out here.
# fmt: off
_TABLE: tuple[tuple[str, str], ...] = (
    ("01", "Acts leading to death or intending to cause death"),
    ("0101", "Intentional homicide"),
    ("0102", "Attempted intentional homicide"),
    ("0103", "Non-intentional homicide"),
    ("01031", "Non-negligent manslaughter"),
    ("01032", "Negligent manslaughter"),
    ("010321", "Vehicular homicide"),
    ("010322", "Non-vehicular homicide"),
    ("0104", "Assisting or instigating suicide"),
    ("01041", "Assisting suicide"),
    ("01049", "Other acts of assisting or instigating suicide"),
    ("0105", "Euthanasia"),
    ("0106", "Illegal feticide"),
    ("0107", "Unlawful killing associated with armed conflict"),
    ("0109", "Other acts leading to death or intending to cause death"),
    ("02", "Acts causing harm or intending to cause harm to the person"),
    ("0201", "Assaults and threats"),
    ("02011", "Assault"),
    ("020111", "Serious assault"),
    ("020112", "Minor assault"),
    ("02012", "Threat"),
    ("020121", "Serious threat"),
    ("020122", "Minor threat"),
    ("02019", "Other assaults or threats"),
    ("0202", "Acts against liberty"),
    ("02021", "Abduction of a minor"),
    ("020211", "Parental abduction"),
    ("020212", "Abduction by another family member"),
    ("020213", "Abduction by a legal guardian"),
    ("020219", "Other abduction of a minor"),
    ("02022", "Deprivation of liberty"),
    ("020221", "Kidnapping"),
    ("020222", "Illegal restraint"),
    ("020223", "Hijacking"),
    ("020229", "Other deprivation of liberty"),
    ("02029", "Other acts against liberty"),
    ("020291", "Illegal adoption"),
    ("020292", "Forced marriage"),
    ("020299", "Other acts against liberty"),
    ("0203", "Slavery and exploitation"),
    ("02031", "Slavery"),
    ("02032", "Forced labour"),
    ("020321", "Forced labour for domestic services"),
    ("020322", "Forced labour for industrial services"),
    ("020323", "Forced labour for the State or armed forces"),
    ("020329", "Other forced labour"),
    ("02039", "Other acts of slavery and exploitation"),
    ("0204", "Trafficking in persons"),
    ("02041", "Trafficking in persons for sexual exploitation"),
    ("02042", "Trafficking in persons for forced labour or services"),
    ("02043", "Trafficking in persons for organ removal"),
    ("02044", "Trafficking in persons for other purposes"),
    ("0205", "Coercion"),
    ("02051", "Extortion or blackmail"),
    ("02059", "Other acts of coercion"),
    ("0206", "Negligence"),
    ("02061", "Negligence in situations of persons under care"),
    ("020611", "Negligence in situations of children under care"),
    ("020612", "Negligence in situations of other dependent persons under care"),
    ("020619", "Other negligence in situations of persons under care"),
    ("02062", "Professional negligence"),
    ("02063", "Negligence related to driving a vehicle"),
    ("02069", "Other acts of negligence"),
    ("0207", "Dangerous acts"),
    ("02071", "Acts that endanger health"),
    ("02072", "Operating a vehicle under the influence of psychoactive substances"),
    ("020721", "Operating a vehicle under the influence of alcohol"),
    ("020722", "Operating a vehicle under the influence of illicit drugs"),
    ("020729", "Operating a vehicle under the influence of other psychoactive substances"),
    ("02079", "Other dangerous acts"),
    ("0208", "Acts intended to induce fear or emotional distress"),
    ("02081", "Harassment"),
    ("020811", "Harassment in the workplace"),
    ("020819", "Other harassment"),
    ("02082", "Stalking"),
    ("02089", "Other acts intended to induce fear or emotional distress"),
    ("0209", "Defamation or insult"),
    ("02091", "Defamation or insult due to the victim's characteristics or ascribed attributes"),
    ("02092", "Defamation or insult due to the victim's ascribed beliefs or values"),
    ("02099", "Other defamation or insult"),
    ("0210", "Discrimination"),
    ("02101", "Personal discrimination"),
    ("02102", "Group discrimination"),
    ("02109", "Other discrimination"),
    ("0211", "Acts that trespass against the person"),
    ("02111", "Invasion of privacy"),
    ("02119", "Other acts that trespass against the person"),
    ("0219", "Other acts causing harm or intending to cause harm to the person"),
    ("03", "Injurious acts of a sexual nature"),
    ("0301", "Sexual violence"),
    ("03011", "Rape"),
    ("030111", "Rape with force"),
    ("030112", "Rape without force"),
    ("030113", "Statutory rape"),
    ("030119", "Other rape"),
    ("03012", "Sexual assault"),
    ("030121", "Physical sexual assault"),
    ("030122", "Non-physical sexual assault"),
    ("030129", "Other sexual assault not elsewhere classified"),
    ("03019", "Other acts of sexual violence"),
    ("0302", "Sexual exploitation"),
    ("03021", "Sexual exploitation of adults"),
    ("03022", "Sexual exploitation of children"),
    ("030221", "Child pornography"),
    ("030222", "Child prostitution"),
    ("030223", "Sexual grooming of children"),
    ("030229", "Other sexual exploitation of children"),
    ("03029", "Other acts of sexual exploitation"),
    ("0309", "Other injurious acts of a sexual nature"),
    ("04", "Acts against property involving violence or threat against a person"),
    ("0401", "Robbery"),
    ("04011", "Robbery from the person"),
    ("040111", "Robbery from the person in a public location"),
    ("040112", "Robbery from the person in a private location"),
    ("040119", "Other robbery from the person"),
    ("04012", "Robbery of valuables or goods in transit"),
    ("040121", "Robbery of a car or vehicle"),
    ("040129", "Other robbery of valuables or goods in transit"),
    ("04013", "Robbery of an establishment or institution"),
    ("040131", "Robbery of a financial institution"),
    ("040132", "Robbery of a non-financial institution"),
    ("04014", "Robbery of livestock"),
    ("04019", "Other acts of robbery"),
    ("0409", "Other acts against property involving violence or threat against a person"),
    ("05", "Acts against property only"),
    ("0501", "Burglary"),
    ("05011", "Burglary of business premises"),
    ("05012", "Burglary of private residential premises"),
    ("050121", "Burglary of permanent private residences"),
    ("050122", "Burglary of non-permanent private residences"),
    ("05013", "Burglary of public premises"),
    ("05019", "Other acts of burglary"),
    ("0502", "Theft"),
    ("05021", "Theft of a motorized vehicle or parts thereof"),
    ("050211", "Theft of a motorized land vehicle"),
    ("050212", "Illegal use of a motorized land vehicle"),
    ("050213", "Theft of parts of a motorized land vehicle"),
    ("050219", "Other theft of a motorized vehicle or parts thereof"),
    ("05022", "Theft of personal property"),
    ("050221", "Theft of personal property from a person"),
    ("050222", "Theft of personal property from a vehicle"),
    ("050229", "Other theft of personal property"),
    ("05023", "Theft of business property"),
    ("050231", "Theft from a shop"),
    ("050239", "Other theft of business property"),
    ("05024", "Theft of public property"),
    ("05025", "Theft of livestock"),
    ("05026", "Theft of services"),
    ("05029", "Other acts of theft"),
    ("0503", "Intellectual property offences"),
    ("0504", "Property damage"),
    ("05041", "Damage of public property"),
    ("05042", "Damage of personal property"),
    ("05043", "Damage of business property"),
    ("05049", "Other damage of property"),
    ("0509", "Other acts against property only"),
    ("06", "Acts involving controlled drugs or other psychoactive substances"),
    ("0601", "Unlawful acts involving controlled drugs or precursors"),
    ("06011", "Unlawful possession, purchase, use, cultivation or production of controlled drugs for "
              "personal consumption"),
    ("060111", "Unlawful possession, purchase or use of controlled drugs for personal consumption"),
    ("060112", "Unlawful cultivation or production of controlled drugs for personal consumption"),
    ("06012", "Unlawful trafficking, cultivation or production of controlled drugs or precursors not for "
              "personal consumption"),
    ("060121", "Unlawful trafficking of controlled drugs not for personal consumption"),
    ("060122", "Unlawful manufacture of controlled drugs not for personal consumption"),
    ("060123", "Unlawful cultivation of controlled drugs not for personal consumption"),
    ("060124", "Unlawful diversion of precursors not for personal consumption"),
    ("060129", "Other unlawful trafficking, cultivation or production of controlled drugs or precursors "
               "not for personal consumption"),
    ("06019", "Other unlawful acts involving controlled drugs or precursors"),
    ("0602", "Unlawful acts involving alcohol, tobacco or other controlled substances"),
    ("06021", "Unlawful production, handling, possession or use of alcohol products"),
    ("060211", "Unlawful possession or use of alcohol products"),
    ("060212", "Unlawful production, trafficking or distribution of alcohol products"),
    ("060219", "Other unlawful production, handling, possession or use of alcohol products"),
    ("06022", "Unlawful production, handling, possession or use of tobacco products"),
    ("060221", "Unlawful possession or use of tobacco products"),
    ("060222", "Unlawful production, trafficking or distribution of tobacco products"),
    ("060229", "Other unlawful production, handling, possession or use of tobacco products"),
    ("06029", "Other unlawful acts involving alcohol, tobacco or other controlled substances"),
    ("0609", "Other acts involving controlled drugs or other psychoactive substances"),
    ("07", "Acts involving fraud, deception or corruption"),
    ("0701", "Fraud"),
    ("07011", "Financial fraud"),
    ("070111", "Financial fraud against the State"),
    ("070112", "Financial fraud against natural or legal persons"),
    ("07019", "Other acts of fraud"),
    ("0702", "Forgery/counterfeiting"),
    ("07021", "Counterfeiting means of payment"),
    ("070211", "Counterfeiting means of cash payment"),
    ("070212", "Counterfeiting means of non-cash payment"),
    ("07022", "Counterfeit product offences"),
    ("07023", "Acts of forgery/counterfeiting documents"),
    ("07029", "Other acts of forgery/counterfeiting"),
    ("0703", "Corruption"),
    ("07031", "Bribery"),
    ("070311", "Active bribery"),
    ("070312", "Passive bribery"),
    ("07032", "Embezzlement"),
    ("07033", "Abuse of functions"),
    ("07034", "Trading in influence"),
    ("07035", "Illicit enrichment"),
    ("07039", "Other acts of corruption"),
    ("0704", "Acts involving the proceeds of crime"),
    ("07041", "Money laundering"),
    ("07042", "Illicit trafficking in cultural property"),
    ("07049", "Other acts involving the proceeds of crime"),
    ("0709", "Other acts involving fraud, deception or corruption"),
    ("08", "Acts against public order, authority and provisions of the State"),
    ("0801", "Acts against public order behavioural standards"),
    ("08011", "Violent public disorder offences"),
    ("08012", "Acts related to social and religious public order norms and standards"),
    ("08019", "Other acts against public order behavioural standards"),
    ("0802", "Acts against public order sexual standards"),
    ("08021", "Prostitution offences"),
    ("08022", "Pornography offences"),
    ("08029", "Other acts against public order sexual standards"),
    ("0803", "Acts related to freedom of expression or control of expression"),
    ("08031", "Acts against freedom of expression"),
    ("08032", "Acts related to expressions of controlled social beliefs and norms"),
    ("080321", "Violations of norms on religious beliefs/views"),
    ("080322", "Violations of norms on intolerance and incitement to hatred"),
    ("080329", "Other acts related to expressions of controlled social beliefs and norms"),
    ("08039", "Other acts related to freedom of expression or control of expression"),
    ("0804", "Acts contrary to public revenue or regulatory provisions"),
    ("08041", "Acts against public revenue provisions"),
    ("08042", "Acts against commercial or financial regulations"),
    ("08043", "Acts against regulations on betting"),
    ("08044", "Smuggling of goods"),
    ("08045", "Market manipulations or insider trading"),
    ("08049", "Other acts against public administration or regulatory provisions"),
    ("0805", "Acts related to migration"),
    ("08051", "Smuggling of migrants offences"),
    ("08059", "Other unlawful acts related to migration"),
    ("0806", "Acts against the justice system"),
    ("08061", "Obstruction of justice"),
    ("08062", "Breach of justice order"),
    ("08063", "Criminal intent"),
    ("08064", "Conspiracy"),
    ("08069", "Other acts against the justice system"),
    ("0807", "Acts related to democratic elections"),
    ("08071", "Acts intended to unduly influence voters at elections"),
    ("08079", "Other acts related to democratic elections"),
    ("0808", "Acts contrary to labour law"),
    ("08081", "Collective labour law violations"),
    ("08082", "Individual labour law violations"),
    ("0809", "Other acts against public order, authority and provisions of the State"),
    ("09", "Acts against public safety and state security"),
    ("0901", "Acts involving weapons, explosives and other destructive materials"),
    ("09011", "Possession or use of weapons and explosives"),
    ("090111", "Unlawful possession or use of firearms"),
    ("090112", "Unlawful possession or use of other weapons or explosives"),
    ("090113", "Unlawful possession or use of chemical, biological or radioactive materials"),
    ("090119", "Other acts related to possession or use of weapons and explosives"),
    ("09012", "Trafficking of weapons and explosives"),
    ("090121", "Trafficking of firearms"),
    ("090122", "Trafficking of other weapons or explosives"),
    ("090123", "Trafficking of chemical, biological or radioactive materials"),
    ("090129", "Other acts related to trafficking of weapons and explosives"),
    ("09019", "Other acts relating to weapons and explosives"),
    ("0902", "Acts against health and safety"),
    ("09021", "Acts against health and safety at work"),
    ("09029", "Other acts against health and safety"),
    ("0903", "Acts against computer systems"),
    ("09031", "Unlawful access to a computer system"),
    ("09032", "Unlawful interference with a computer system or computer data"),
    ("090321", "Unlawful interference with a computer system"),
    ("090322", "Unlawful interference with computer data"),
    ("09033", "Unlawful interception or access of computer data"),
    ("09039", "Other acts against computer systems"),
    ("0904", "Acts against state security"),
    ("0905", "Acts related to an organized criminal group"),
    ("09051", "Participation in an organized criminal group"),
    ("09059", "Other acts related to an organized criminal group"),
    ("0906", "Terrorism"),
    ("09061", "Participation in a terrorist group"),
    ("09062", "Financing of terrorism"),
    ("09069", "Other acts related to the activities of a terrorist group"),
    ("0907", "Non-injurious traffic violations"),
    ("0909", "Other acts against public safety and state security"),
    ("10", "Acts against the natural environment"),
    ("1001", "Acts that cause environmental pollution or degradation"),
    ("10011", "Acts that cause the pollution or degradation of air"),
    ("10012", "Acts that cause the pollution or degradation of water"),
    ("10013", "Acts that cause the pollution or degradation of soil"),
    ("10019", "Other acts that cause environmental pollution or degradation"),
    ("1002", "Acts involving the movement or dumping of waste"),
    ("10021", "Acts involving the movement or dumping of waste within national borders"),
    ("10022", "Acts involving the movement or dumping of waste across national borders"),
    ("1003", "Trade or possession of protected or prohibited species of fauna and flora"),
    ("10031", "Trade or possession of protected species of wild fauna and flora"),
    ("100311", "Trade or possession of protected species within national borders"),
    ("100312", "Trafficking of protected species across national borders"),
    ("10032", "Trade or possession of prohibited or controlled species of animals"),
    ("10039", "Other trade or possession of protected or prohibited species of fauna and flora"),
    ("1004", "Acts that result in the depletion or degradation of natural resources"),
    ("10041", "Illegal logging"),
    ("10042", "Illegal hunting, fishing or gathering of wild fauna and flora"),
    ("10043", "Illegal mining"),
    ("10049", "Other acts that result in the depletion or degradation of natural resources"),
    ("1009", "Other acts against the natural environment"),
    ("10091", "Acts against animals"),
    ("10099", "Other acts against the natural environment"),
    ("11", "Other criminal acts not elsewhere classified"),
    ("1101", "Acts under universal jurisdiction"),
    ("11011", "Torture"),
    ("11012", "Piracy"),
    ("11013", "War crimes"),
    ("110131", "Unlawfully killing, causing or intending to cause death or serious injury associated with "
               "armed conflict"),
    ("110132", "Unlawful destruction or damage to property associated with armed conflict"),
    ("110133", "Sexual violence associated with armed conflict"),
    ("110134", "Acts against liberty or human dignity associated with armed conflict"),
    ("110135", "Conscripting or enlisting child soldiers"),
    ("110139", "Other war crimes"),
    ("11014", "Genocide"),
    ("11015", "Crimes against humanity"),
    ("11016", "Crime of aggression"),
    ("11019", "Other acts under universal jurisdiction"),
    ("1102", "Acts contrary to youth regulations and acts on minors"),
    ("11021", "Status offences"),
    ("11029", "Other acts contrary to youth regulations and acts on minors"),
    ("1109", "Other criminal acts not elsewhere classified"),
)
# fmt: on

_LEVELS = {2: 1, 4: 2, 5: 3, 6: 4}
_PARENT_LENGTH = {2: None, 4: 2, 5: 4, 6: 5}


@dataclass(frozen=True, slots=True)
class IccsCategory:
    """One ICCS category: a section (level 1), division (2), group (3) or class (4)."""

    code: str
    name: str
    level: int
    parent: str | None

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


def _build() -> dict[str, IccsCategory]:
    out: dict[str, IccsCategory] = {}
    for code, name in _TABLE:
        cut = _PARENT_LENGTH[len(code)]
        out[code] = IccsCategory(code, name, _LEVELS[len(code)], code[:cut] if cut else None)
    return out


CATEGORIES: Mapping[str, IccsCategory] = MappingProxyType(_build())
"""Every ICCS category by code (read-only)."""

SECTIONS: tuple[IccsCategory, ...] = tuple(c for c in CATEGORIES.values() if c.level == 1)
"""The eleven level-1 sections, 01 to 11."""


def category(code: str) -> IccsCategory:
    """The category with this code (``"0101"``, ``"020221"``); ``ValueError`` if ICCS has none."""
    found = CATEGORIES.get(code.strip())
    if found is None:
        raise ValueError(f"not an ICCS code: {code!r}")
    return found


def section(code: str) -> IccsCategory:
    """The level-1 section a code belongs to (``section("020221")`` is 02)."""
    return category(category(code).code[:2])


def lineage(code: str) -> tuple[IccsCategory, ...]:
    """The categories from the section down to ``code`` itself."""
    chain = [category(code)]
    while chain[-1].parent is not None:
        chain.append(CATEGORIES[chain[-1].parent])
    return tuple(reversed(chain))


def path(code: str) -> tuple[str, ...]:
    """The names from the section down to ``code`` (section, division, group, class as deep as it goes)."""
    return tuple(c.name for c in lineage(code))


def children(code: str) -> tuple[IccsCategory, ...]:
    """The categories one level below ``code``, in code order."""
    category(code)
    return tuple(c for c in CATEGORIES.values() if c.parent == code)


def table_markdown() -> str:
    """The generated part of ``docs/iccs.md``: sections and divisions, then groups and classes."""
    lines = [
        "## Sections and divisions (levels 1 and 2)",
        "",
        "| Section | Division | Name |",
        "| --- | --- | --- |",
    ]
    for sec in SECTIONS:
        lines.append(f"| **{sec.code}** | | **{sec.name}** |")
        lines.extend(f"| | {div.code} | {div.name} |" for div in children(sec.code))
    lines += [
        "",
        "## Groups and classes (levels 3 and 4)",
        "",
        "| Code | Level | Name | Division |",
        "| --- | --- | --- | --- |",
    ]
    for cat in CATEGORIES.values():
        if cat.level >= 3:
            division = lineage(cat.code)[1]
            lines.append(f"| {cat.code} | {cat.level} | {cat.name} | {division.code} |")
    return "\n".join(lines) + "\n"


# --- The classifier -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IccsMatch:
    """Where a charge sits in the ICCS: the category, the words that placed it there, and why."""

    category: IccsCategory
    matched: tuple[str, ...]
    reason: str

    @property
    def code(self) -> str:
        return self.category.code


@dataclass(frozen=True, slots=True)
class _Rule:
    """One way of naming an ICCS category.

    ``terms`` must occur in the offence label. ``needs``, when given, must occur too: in the label,
    or failing that in the law's title ("illicit trafficking" under the "Law on Narcotic Drugs"); the
    law never stands in for ``terms``. ``unless`` vetoes the rule when it occurs in the label.
    ``refine`` lists (code, terms): the first whose terms occur in the label or else in the facts
    replaces the code, within the same ICCS division. ``note`` says where the placement is a reading
    of the ICCS rather than a copy of one of its inclusions.
    """

    code: str
    terms: tuple[str, ...]
    needs: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    refine: tuple[tuple[str, tuple[str, ...]], ...] = ()
    note: str = ""


# Objects and acts shared by several rules (term syntax: rednotice.domain.compliance.text).
# fmt: off
_DRUGS = (
    "drug", "drugs", "narcotic*", "controlled substance*", "controlled drug*", "psychotropic*", "cocaine",
    "heroin", "cannabis", "marijuana", "marihuana", "methamphetamine*", "amphetamine*", "opium", "hashish",
    "ecstasy", "fentanyl", "stupefiant*", "drogue*", "heroine", "estupefaciente*", "droga", "drogas",
    "sustancias controladas", "psicotropico*", "cocaina", "наркотик*", "наркотическ*", "психотропн*",
    "кокаин*", "героин*", "uyusturucu*", "uyarici madde*", "esrar", "kokain", "eroin", "毒品", "海洛因",
    "冰毒", "可卡因", "大麻", "麻醉药品", "精神药品", "*مخدر*", "*مؤثرات عقليه",
)
_PRECURSORS = ("precursor*", "precurseur*", "прекурсор*", "易制毒", "*سلائف")
_TRAFFIC_ACTS = (
    "trafficking", "trafficked", "trafficker*", "traffics", "illicit traffic", "illegal traffic", "dealing",
    "dealer*", "selling", "sale", "sales", "supply", "supplying", "distribution", "distributing", "import",
    "imports", "importing", "importation", "export", "exporting", "exportation", "smuggl*", "transporting",
    "transportation", "trafic", "trafiquant*", "vente", "cession", "contrebande", "trafico",
    "comercializacion", "venta", "suministro", "introduccion", "contrabando", "microtrafico", "сбыт*",
    "контрабанд*", "перевозк*", "пересылк*", "ticaret*", "satis*", "kacakcilig*", "kacakcilik", "贩卖",
    "贩运", "运输", "走私", "*اتجار", "*تهريب", "*ترويج", "*بيع",
)
_MANUFACTURE_ACTS = (
    "production", "producing", "manufactur*", "fabrication", "fabricacion", "elaboracion", "produccion",
    "производств*", "изготовлени*", "imal*", "uretim*", "制造", "*تصنيع", "*انتاج",
)
_CULTIVATION_ACTS = (
    "cultivation", "cultivating", "growing", "culture", "cultivo", "siembra", "культивировани*", "посев*",
    "выращивани*", "ekim*", "yetistir*", "种植", "*زراعه",
)
_POSSESSION_ACTS = (
    "possession", "possessing", "possess", "holding", "acquisition", "acquiring", "purchase", "purchasing",
    "buying", "detention", "achat", "tenencia", "posesion", "adquisicion", "хранени*", "приобретени*",
    "bulundur*", "持有", "*حيازه", "*احراز",
)
_USE_ACTS = (
    "use", "using", "consumption", "usage", "consommation", "uso", "consumo", "употреблени*", "потреблени*",
    "kullanma*", "吸食", "吸毒", "*تعاطي",
)
_PERSONAL_USE = (
    "personal use", "personal consumption", "own use", "own consumption", "self consumption",
    "usage personnel", "consommation personnelle", "uso personal", "consumo personal", "autoconsumo",
    "propio consumo", "без цели сбыта", "kisisel kullanim*", "kullanmak icin", "自己吸食",
    "للاستعمال الشخصي", "بقصد التعاطي",
)
_FOR_SUPPLY = (
    "for sale", "intent to supply", "intent to sell", "intent to distribute", "intention to supply",
    "intention to sell", "with a view to selling", "for the purpose of sale", "for distribution",
    "en vue de la vente", "en vue de la cession", "en vue de leur vente", "con fines de venta",
    "con fines de trafico", "con fines de comercializacion", "para su venta", "para la venta",
    "с целью сбыта", "satmak amaciyla", "ticaret amaciyla", "以贩卖为目的", "بقصد الاتجار", "بقصد البيع",
    "بقصد الترويج",
)
_FIREARMS = (
    "firearm*", "gun", "guns", "handgun*", "pistol*", "rifle*", "revolver*", "shotgun*", "ammunition",
    "arme a feu", "armes a feu", "munitions", "arma de fuego", "armas de fuego", "municion*",
    "огнестрельн*", "боеприпас*", "atesli silah*", "mermi*", "枪支", "手枪", "弹药", "*سلاح ناري",
    "*اسلحه ناريه", "*ذخائر", "*ذخيره",
)
_EXPLOSIVES = (
    "explosive*", "explosif*", "explosivo*", "bomb", "bombs", "взрывчат*", "взрывн* устройств*",
    "patlayici*", "爆炸物", "炸药", "*متفجرات",
)
_CBRN = (
    "chemical weapon*", "biological weapon*", "nuclear material*", "radioactive material*",
    "armes chimiques", "matieres nucleaires", "armas quimicas", "material* nuclear*", "ядерн* материал*",
    "радиоактивн*", "химическ* оружи*", "核材料", "放射性物质", "*اسلحه كيميائيه",
)
_WEAPONS = (
    "weapon*", "arms", "arme", "armes", "arma", "armas", "armamento", "оружи*", "silah*", "武器", "*سلاح",
    "*اسلحه",
)
_WEAPON_TRAFFIC_ACTS = (
    *_TRAFFIC_ACTS,
    "gunrunning", "manufactur*", "fabrication", "fabricacion", "изготовлени*", "imal*", "制造", "买卖",
    "*تصنيع",
)
_WEAPON_POSSESSION_ACTS = (
    "possession", "possessing", "possess", "carrying", "carry", "keeping", "storage", "detention", "port",
    "handling", "illegal handling", "unlawful handling", "manipulation", "трафик", "поводження",
    "tenencia", "porte", "portacion", "posesion", "хранени*", "ношени*", "приобретени*", "bulundur*",
    "tasima*", "持有", "私藏", "携带", "*حيازه", "*حمل", "*احراز",
)
_WILDLIFE = (
    "wildlife", "ivory", "protected species", "endangered species", "rhino horn*", "pangolin*", "faune",
    "especes protegees", "especes menacees", "ivoire", "especies protegidas", "especies amenazadas",
    "fauna silvestre", "flora silvestre", "marfil", "редких .. животных", "особо ценных .. животных",
    "nesli tehlike*", "珍贵 濒危野生动物", "濒危物种", "象牙", "*الحياه البريه", "*العاج",
)
_CULTURAL_PROPERTY = (
    "cultural property", "cultural goods", "antiquit*", "biens culturels", "bienes culturales",
    "patrimonio cultural", "культурн* ценност*", "kultur varlik*", "文物", "*اثار",
)
_TIP = (
    "trafficking in persons", "trafficking of persons", "trafficking in human beings",
    "trafficking of human beings", "human trafficking", "trafficking in people", "people trafficking",
    "child trafficking", "trafficking in children", "trafficking of children", "trafficking in women",
    "sex trafficking", "traite des etres humains", "traite d etres humains", "traite de personnes",
    "traite des personnes", "trata de personas", "trata de seres humanos", "trata de blancas",
    "торговл* людьми", "insan ticareti", "拐卖", "*اتجار بالبشر", "*اتجار بالاشخاص", "*اتجار في البشر",
)
_CHILD = (
    "child", "children", "minor", "minors", "underage", "under age", "under the age", "year old",
    "years old", "mineur*", "enfant*", "menor", "menores", "nino*", "nina*", "infantil",
    "несовершеннолетн*", "малолетн*", "ребен*", "cocuk*", "儿童", "幼女", "未成年", "*طفل*", "*قاصر*",
)

# The rules, in order of precedence: the first that applies wins. Composite names that contain another
# offence's word come before that offence ("attempted murder", "murder threats", "electoral fraud",
# "money laundering" before "fraud"); the offences themselves roughly follow the ICCS order; generic
# and derivative labels (organised crime, terrorism, conspiracy, aiding) come late, because ICCS codes
# a committed offence to the act, not to the group, the plan or the motive behind it.
_RULES: tuple[_Rule, ...] = (
    # -- 01 homicide: attempts, threats and the non-intentional forms before "murder" -----------------
    _Rule("0102", (
        "attempt* .. murder*", "attempt* .. homicide", "attempt* .. kill*", "murder attempt*",
        "murder .. attempted", "homicide .. attempted", "tentative .. meurtre", "tentative .. assassinat",
        "tentative .. homicide", "meurtre tentative", "assassinat tentative", "tentativa .. homicidio",
        "tentativa .. asesinato", "homicidio .. tentativa", "asesinato .. tentativa", "intento .. homicidio",
        "intento .. asesinato", "homicidio .. .. tentativa", "asesinato .. .. tentativa",
        "feminicidio .. .. tentativa", "homicidio frustrado", "покушени* .. убийств*", "oldurmeye tesebbus",
        "oldurmeye kalkis*", "杀人未遂", "故意杀人 未遂", "*شروع .. *قتل", "*محاوله قتل", "*محاوله .. *قتل",
    ), unless=("attempt* .. and .. murder*", "attempt* .. and .. homicide", "attempt* .. and .. kill*")),
    _Rule("020121", (
        "death threat*", "threat* .. kill*", "threat* .. murder*", "murder threat*", "threat* .. death",
        "menace* de mort", "menaces .. meurtre", "amenaza* de muerte", "amenaza* .. homicidio",
        "угроз* убийств*", "угроз* .. убийств*", "olumle tehdit", "*تهديد بالقتل",
    )),
    _Rule("0105", ("euthanasia", "mercy killing", "euthanasie", "eutanasia", "эвтаназ*", "otanazi",
                   "安乐死")),
    _Rule("01041", (
        "assist* suicide", "assisted suicide", "aiding .. suicide", "aide au suicide", "auxilio al suicidio",
        "cooperacion al suicidio", "содействи* самоубийству", "intihara yardim*", "帮助自杀",
    )),
    _Rule("01049", (
        "incit* .. suicide", "instigat* .. suicide", "provocation au suicide", "induccion al suicidio",
        "induccion .. suicidio", "доведени* до самоубийства", "склонени* к совершению самоубийства",
        "intihara yonlendirme", "教唆自杀", "*تحريض على الانتحار",
    )),
    _Rule("0106", (
        "illegal abortion", "unlawful abortion", "feticide", "avortement illegal",
        "interruption illegale de grossesse", "aborto", "незаконн* аборт*", "cocuk dusurt*", "非法堕胎",
        "*اجهاض",
    )),
    _Rule("010321", (
        "vehicular homicide", "vehicular manslaughter", "causing death by dangerous driving",
        "causing death by careless driving", "causing death by driving", "homicide involontaire .. vehicule",
        "homicidio culposo .. transito", "homicidio culposo .. trafico", "homicidio imprudente .. trafico",
        "交通肇事致人死亡",
    )),
    _Rule("01031", ("involuntary manslaughter", "non negligent manslaughter", "homicide preterintentionnel",
                    "homicidio preterintencional")),
    _Rule("01032", (
        "negligent manslaughter", "negligent homicide", "criminally negligent homicide",
        "causing death by negligence", "death by negligence", "homicide by negligence",
        "homicide through negligence", "homicide involontaire", "homicide par imprudence",
        "homicidio culposo", "homicidio imprudente", "homicidio negligente", "homicidio involuntario",
        "homicidio por imprudencia", "причинени* смерти по неосторожности", "taksirle oldurme",
        "taksirle insan oldurme", "过失致人死亡", "过失杀人", "*قتل الخطا", "*قتل خطا", "*قتل غير العمد",
    )),
    _Rule("0103", (
        "non intentional homicide", "unintentional homicide", "unintentional killing",
        "homicide non intentionnel", "homicidio no intencional", "неумышленн* убийств*",
    )),
    _Rule(
        "0107",
        ("unlawful killing .. armed conflict", "killing .. armed conflict", "homicide .. conflit arme",
         "homicidio .. conflicto armado"),
        note="ICCS 0107 is an unlawful killing in armed conflict that does not amount to a war crime",
    ),
    _Rule(
        "0101",
        (
            "murder*", "intentional homicide", "wilful homicide", "willful homicide", "homicide", "homicides",
            "voluntary manslaughter", "kill", "killing", "killings", "killed", "femicide", "feminicide",
            "infanticide", "parricide", "honour killing", "honor killing", "extrajudicial execution*",
            "assault leading to death", "assault resulting in death", "meurtre*", "assassinat*",
            "homicide volontaire", "empoisonnement", "violences .. ayant entraine la mort", "coups mortels",
            "asesinato*", "homicidio", "homicidios", "homicidio doloso", "homicidio calificado",
            "homicidio agravado", "feminicidio", "femicidio", "parricidio", "infanticidio", "sicariato",
            "убийств*", "kasten oldurme", "kasten insan oldurme", "adam oldurme", "insan oldurme", "oldurme",
            "故意杀人", "杀人", "谋杀", "故意伤害致死", "故意伤害致人死亡", "*قتل",
        ),
        unless=("*قتل الخطا", "*قتل خطا"),
        note="an unqualified 'homicide'/'homicidio' is read as intentional (non-intentional homicide is "
        "always qualified: culposo, involontaire, by negligence); ICCS puts serious assault leading to "
        "death, femicide and infanticide in 0101",
    ),
    _Rule(
        "01", ("manslaughter",),
        note="an unqualified 'manslaughter' may be voluntary (0101) or involuntary (0103): the section",
    ),
    # -- 02 acts against the person -------------------------------------------------------------------
    _Rule("020223", (
        "hijack*", "air piracy", "aircraft piracy", "detournement d aeronef*", "detournement d avion*",
        "piraterie aerienne", "secuestro de aeronave*", "apoderamiento ilicito de aeronave*",
        "угон* воздушного судна", "угон* судна", "захват* воздушного судна", "ucak kacirma", "劫持航空器",
        "劫持船只", "劫持汽车", "*اختطاف طائره", "*خطف طائره",
    )),
    _Rule("020211", (
        "parental abduction", "parental child abduction", "parental kidnapping",
        "soustraction .. par ascendant", "sustraccion de menores por .. progenitor*",
    )),
    _Rule(
        "02021",
        (
            "child abduction", "abduction of a child", "abduction of a minor", "abduction of minors",
            "abducting a child", "international child abduction", "soustraction de mineur*",
            "soustraction d enfant*", "enlevement de mineur*", "enlevement d enfant*",
            "detournement de mineur*", "sustraccion de menor*", "sustraccion de nino*", "secuestro de menor*",
            "похищени* ребенка", "похищени* несовершеннолетн*", "cocuk kacirma", "拐骗儿童", "*خطف طفل",
            "*خطف قاصر",
        ),
        note="ICCS 02021 is taking a minor from the custodial parent or guardian; a child held for ransom "
        "is kidnapping (020221)",
    ),
    _Rule("020221", (
        "kidnap*", "abduction", "abducted", "express kidnapping", "enlevement*", "rapt", "secuestro*",
        "rapto", "похищени* человека", "похищени*", "adam kacirma", "kisi kacirma", "绑架", "*اختطاف", "*خطف",
    )),
    _Rule("020222", (
        "hostage*", "false imprisonment", "unlawful detention", "illegal detention", "unlawful restraint",
        "illegal restraint", "forced disappearance", "enforced disappearance", "prise* d otage*",
        "sequestration*", "detention arbitraire", "disparition forcee", "toma de rehenes", "detencion ilegal",
        "privacion ilegal de la libertad", "privacion ilegitima de la libertad", "desaparicion forzada",
        "захват* заложник*", "незаконн* лишени* свободы", "rehine", "劫持人质", "非法拘禁", "*رهائن",
        "*احتجاز غير قانوني",
    )),
    _Rule("02022", (
        "deprivation of liberty", "unlawful confinement", "privation de liberte", "privacion de libertad",
        "hurriyetinden yoksun", "*حرمان من الحريه",
    )),
    _Rule("020292", ("forced marriage", "child marriage", "mariage force", "matrimonio forzado",
                     "*زواج قسري")),
    _Rule("020291", ("illegal adoption", "adoption fraud", "adoption illegale", "adopcion ilegal",
                     "незаконн* усыновлени*")),
    _Rule("02031", (
        "slavery", "enslavement", "servitude", "debt bondage", "esclavage", "esclavitud", "servidumbre",
        "рабств*", "kolelik", "奴役", "*استرقاق", "الرق", "*عبوديه",
    )),
    _Rule("020329", ("forced begging", "exploitation de la mendicite", "mendicidad forzada")),
    _Rule("02032", (
        "forced labour", "forced labor", "labour exploitation", "labor exploitation", "travail force",
        "trabajo forzoso", "trabajos forzados", "принудительн* труд*", "zorla calistir*", "强迫劳动", "*سخره",
        "*عمل القسري",
    )),
    _Rule("02041", (
        "sex trafficking", "for sexual exploitation", "purpose of sexual exploitation",
        "aux fins d exploitation sexuelle", "en vue de l exploitation sexuelle",
        "a des fins d exploitation sexuelle", "con fines de explotacion sexual",
        "в целях сексуальной эксплуатации", "fuhus amaciyla", "*لغرض الاستغلال الجنسي",
    ), needs=_TIP),
    _Rule("02042", (
        "for forced labour", "for forced labor", "for labour exploitation", "for labor exploitation",
        "aux fins de travail force", "con fines de explotacion laboral", "con fines de trabajo forzoso",
        "в целях .. эксплуатации труда",
    ), needs=_TIP),
    _Rule("02043", ("organ removal", "removal of organs", "prelevement d organes", "extraccion de organos",
                    "изъятия органов"), needs=_TIP),
    _Rule("0204", _TIP),
    _Rule("02051", (
        "extortion", "extort*", "blackmail*", "racketeer*", "extorsion", "chantage", "racket",
        "вымогательств*", "santaj", "敲诈勒索", "勒索", "*ابتزاز",
    )),
    _Rule("020611", (
        "child neglect", "neglect of a child", "child abandonment", "abandonment of a child",
        "abandon d enfant*", "delaissement de mineur*", "abandono de menor*", "abandono de nino*", "遗弃儿童",
    )),
    _Rule("020619", (
        "abandon de famille", "abandono de familia", "incumplimiento de .. asistencia familiar",
        "non payment of maintenance", "злостн* уклонени* от уплаты .. алимент*", "遗弃",
    )),
    _Rule("02062", ("medical negligence", "professional negligence", "medical malpractice",
                    "negligence medicale", "negligencia medica", "医疗事故")),
    _Rule("020721", (
        "drunk driving", "drink driving", "driving under the influence of alcohol",
        "driving while intoxicated", "conduite en etat d ivresse",
        "conduite sous l empire d un etat alcoolique", "conduccion bajo los efectos del alcohol",
        "conduccion en estado de ebriedad", "управлени* .. в состоянии опьянения", "醉驾", "醉酒驾驶",
    )),
    _Rule("020722", (
        "driving under the influence of drugs", "conduite apres usage de stupefiants",
        "conduccion bajo los efectos de drogas", "毒驾",
    )),
    _Rule("02072", ("driving under the influence", "conduite sous l empire", "conduccion bajo los efectos",
                    "危险驾驶")),
    _Rule("02063", (
        "dangerous driving", "reckless driving", "careless driving", "hit and run", "delit de fuite",
        "conduccion temeraria", "нарушени* правил дорожного движения",
    )),
    _Rule("02069", (
        "failure to render assistance", "failure to assist", "omission de porter secours",
        "non assistance a personne en danger", "omision del deber de socorro", "omision de auxilio",
        "оставлени* в опасности",
    )),
    _Rule("0206", (
        "negligence causing", "criminal negligence", "blessures involontaires", "lesiones imprudentes",
        "lesiones culposas", "причинени* .. вреда .. по неосторожности", "taksirle yaralama",
    )),
    _Rule("02071", ("endangering health", "adulteration of food", "transmission of hiv",
                    "mise en danger de la vie d autrui", "falsification de denrees",
                    "adulteracion de alimentos", "adulteracion de medicamentos")),
    # sexual offences come before the assault and harassment rules whose words they contain
    _Rule(
        "030113", ("statutory rape", "estupro", "crime sexuel sur mineur*", "viol sur mineur* de quinze ans",
                   "viol sur mineur* de 15 ans"),
        note="Spanish 'estupro' is intercourse with a minor obtained by deceit or abuse of trust; the French "
        "'crime sexuel sur mineur' (2021) is penetration of a child under 15 by an adult, consent aside",
    ),
    _Rule("030122", (
        "sexual harassment", "harcelement sexuel", "acoso sexual", "hostigamiento sexual", "cinsel taciz",
        "性骚扰", "*تحرش الجنسي", "*تحرش جنسي",
    )),
    _Rule("03011", (
        "rape", "rapes", "raped", "raping", "gang rape", "viol", "viols", "viol aggrave", "изнасилован*",
        "irza gecme", "nitelikli cinsel saldiri", "强奸", "轮奸", "*اغتصاب",
    )),
    _Rule(
        "03011",
        ("violacion", "violaciones"),
        unless=(
            "violacion .. ley*", "violacion .. norma*", "violacion .. reglament*", "violacion .. articulo*",
            "violacion .. disposicion*", "violacion .. deber*", "violacion .. secreto*",
            "violacion .. domicilio", "violacion .. correspondencia", "violacion .. sellos",
            "violacion .. medida*", "violacion .. derecho*", "violacion .. garantia*",
            "violacion .. obligacion*", "violacion .. prohibicion*", "violacion .. orden*",
            "violacion .. codigo*", "violacion .. decreto*", "violacion .. regimen", "violacion .. reglas",
            "violacion .. contrato*", "violacion .. sanciones", "violacion .. frontera*",
        ),
        note="Spanish 'violación' is rape, and also the 'violation' of a law, duty or secret, which is not",
    ),
    _Rule("03012", (
        "sexual assault*", "indecent assault*", "sexual abuse", "sexual battery", "molestation",
        "agression* sexuelle*", "abus sexuel*", "attentat a la pudeur", "agresion sexual",
        "agresiones sexuales", "abuso sexual", "abusos sexuales", "actos lascivos",
        "насильственн* действи* сексуального характера", "развратн* действи*", "cinsel saldiri", "强制猥亵",
        "猥亵儿童", "猥亵", "*هتك العرض", "*اعتداء الجنسي", "*اعتداء جنسي",
    )),
    _Rule(
        "0301",
        (
            "sexual violence", "sexual coercion", "violences sexuelles", "atteinte sexuelle",
            "atteintes sexuelles", "violencia sexual", "половой неприкосновенности", "cinsel istismar*",
            "*عنف الجنسي",
        ),
        note="French 'atteinte sexuelle' (on a minor, without violence) and Turkish 'cinsel istismar' "
        "(sexual abuse of a child) range from touching to penetration: sexual violence without a group",
    ),
    _Rule("030221", (
        "child pornograph*", "child sexual abuse material*", "child abuse material*", "child abuse image*",
        "indecent images of children", "pedopornograph*", "pornographie infantile", "pornographie enfantine",
        "pornographie de mineur*", "pornografia infantil", "pornografia de menores", "детск* порнограф*",
        "порнографическ* .. несовершеннолетн*", "cocuk pornografi*", "儿童色情", "*اباحيه .. *اطفال",
    )),
    _Rule("030222", (
        "child prostitution", "prostitution of children", "prostitution of minors", "prostitution de mineur*",
        "prostitution d enfant*", "prostitucion infantil", "prostitucion de menores",
        "вовлечени* несовершеннолетн* в занятие проституцией", "cocuklarin fuhsu", "组织儿童卖淫",
        "引诱幼女卖淫",
    )),
    _Rule("030223", ("grooming", "pedopiegeage", "child luring", "online grooming")),
    _Rule("030229", (
        "corruption of minors", "corruption of a minor", "corruption de mineur*", "corrupcion de menores",
        "corrupcion de menor", "child sex tourism", "gross indecency with a child",
    )),
    _Rule("03022", (
        "sexual exploitation of child*", "sexual exploitation of minor*", "child sexual exploitation",
        "causing a child to engage in sexual activity", "child .. engage in sexual activity",
        "sexual activity with a child", "sexual activity with a minor", "child sex offence*",
        "exploitation sexuelle de mineur*", "exploitation sexuelle d enfant*", "explotacion sexual infantil",
        "explotacion sexual de menores", "explotacion sexual de nino*",
        "сексуальн* эксплуатаци* несовершеннолетн*", "*استغلال الجنسي للاطفال",
    )),
    _Rule("03021", (
        "pimping", "procuring .. prostitut*", "procurement of prostitution", "brothel keeping",
        "keeping a brothel",
        "living on the earnings of prostitution", "proxenetisme", "proxenetismo", "lenocinio", "rufianeria",
        "sutenerismo", "организаци* занятия проституцией", "вовлечени* в занятие проституцией",
        "содержани* притонов", "fuhusa aracilik", "fuhsa aracilik", "组织卖淫", "强迫卖淫",
        "引诱 容留 介绍卖淫", "容留卖淫", "*قواده", "*تحريض على الفجور",
    ), refine=(("030222", _CHILD),)),
    _Rule("0302", (
        "sexual exploitation", "exploitation sexuelle", "explotacion sexual", "сексуальн* эксплуатаци*",
        "cinsel somuru", "性剥削", "*استغلال الجنسي", "*استغلال جنسي",
    ), refine=(("03022", _CHILD),)),
    # threats, assaults, harassment, insult
    _Rule("020121", ("serious threat*", "aggravated threat*", "menaces aggravees", "amenazas graves",
                     "agir tehdit")),
    _Rule(
        "08061",
        (
            "threat* .. witness*", "intimidat* .. witness*", "witness tampering",
            "tampering with .. witness*", "subornation of perjury", "subornation de temoin*",
            "menaces .. temoin*", "amenaza* .. testigo*", "подкуп* .. свидетел*",
            "принуждени* .. к даче показаний", "tanigi .. tehdit", "妨害作证", "*تهديد شاهد",
        ),
        note="ICCS 02012 excludes threatening a witness, justice or law enforcement official (08061)",
    ),
    _Rule("02012", (
        "threat", "threats", "threatening", "menace", "menaces", "amenaza", "amenazas", "угроз*", "tehdit*",
        "威胁", "恐吓", "*تهديد",
    )),
    _Rule("020111", (
        "female genital mutilation", "fgm", "mutilation* genitale*", "excision", "mutilacion genital",
        "acid attack*",
    )),
    _Rule("020111", (
        "aggravated assault", "grievous bodily harm", "serious bodily harm", "serious bodily injury",
        "serious injur*", "wounding", "battery", "assault with a deadly weapon", "assault with a weapon",
        "violences aggravees", "coups et blessures .. aggrav*", "blessures graves", "lesiones graves",
        "lesiones gravisimas", "lesiones agravadas", "тяжк* вред* здоровью", "nitelikli yaralama",
        "故意伤害致人重伤", "重伤", "*عاهه مستديمه",
    )),
    _Rule("020112", (
        "simple assault", "common assault", "minor assault", "lesiones leves", "violences legeres", "побои",
        "легк* вред* здоровью", "basit yaralama", "轻伤",
    )),
    _Rule(
        "02011",
        (
            "assault*", "bodily harm", "bodily injury", "bodily injuries", "physical violence",
            "domestic violence", "intimate partner violence", "agression", "agressions",
            "violences volontaires", "coups et blessures", "violences conjugales", "violence conjugale",
            "agresion", "agresiones", "lesiones", "lesion personal", "lesiones personales",
            "violencia intrafamiliar", "violencia domestica", "violencia familiar", "violencia de genero",
            "вред* здоровью", "истязани*", "yaralama", "kasten yaralama", "故意伤害", "伤害", "*ضرب", "*جرح",
            "*ايذاء", "*اعتداء",
        ),
        unless=("assault rifle*", "assault weapon*"),
    ),
    _Rule(
        "0219",
        ("maltreatment", "mauvais traitements", "maltrato", "malos tratos", "жестокое обращение", "虐待",
         "*اساءه معامله"),
        unless=("animal*", "animaux", "животн*", "动物", "hayvan*", "*حيوان*"),
    ),
    _Rule("02082", ("stalking", "cyberstalking", "cyber stalking", "harcelement obsessionnel", "acecho",
                    "israrli takip", "跟踪骚扰")),
    _Rule("02081", ("harassment", "harcelement", "acoso", "hostigamiento", "домогательств*", "taciz*", "骚扰",
                    "*تحرش")),
    _Rule("0208", ("bullying", "cyberbullying", "cyber bullying", "psychological violence",
                   "violences psychologiques", "violencia psicologica")),
    # insulting the State and its symbols is 0809, insulting a court or an officer 08069: both before insult
    _Rule(
        "08069",
        (
            "contempt of court", "insult* .. court", "insult* .. judge*", "insult* .. police*",
            "insult* .. officer*", "insult* .. official*", "insult* .. representative of authority",
            "outrage .. magistrat*", "outrage .. agent*", "outrage .. personne depositaire",
            "outrage a fonctionnaire", "desacato", "injurias .. autoridad",
            "оскорблени* представителя власти", "неуважени* к суду", "kamu gorevlisine hakaret", "藐视法庭",
            "*اهانه .. موظف*", "*اهانه .. محكمه", "*اهانه .. شرطه",
        ),
        note="ICCS 08069 includes insulting the court and insulting a law enforcement officer "
        "(contempt of court is also listed under breach of justice order, 08062)",
    ),
    _Rule(
        "0809",
        (
            "insult* .. president", "insult* .. head of state", "insult* .. king", "insult* .. monarch",
            "insult* .. sovereign", "insult* .. royal", "insult* .. state", "insult* .. nation",
            "insult* .. flag", "insult* .. national symbol*", "insult* .. state symbol*", "insult* .. anthem",
            "insult* .. republic", "insult* .. turkishness", "denigrat* .. turkishness",
            "defam* .. president", "defam* .. head of state", "lese majeste", "lese majesty",
            "denigrat* .. nation", "denigrat* .. state", "offense au chef de l etat", "outrage .. drapeau",
            "outrage .. hymne", "outrage .. president", "offense .. president", "injuria* .. jefe del estado",
            "injuria* .. corona", "injuria* .. rey", "calumnia* .. rey", "ultraje* .. simbolo*",
            "ultraje* .. bandera", "ultraje* .. espana", "ofensa* .. presidente",
            "надругательств* над государственным гербом", "надругательств* .. флагом",
            "оскорблени* .. президент*", "cumhurbaskanina hakaret", "turklugu asagilama",
            "turk milletini asagilama", "devletin egemenlik alametlerini asagilama",
            "devletin .. organlarini asagilama", "侮辱国旗", "侮辱国徽", "侮辱国歌", "*اهانه رئيس",
            "*اهانه .. رئيس الدوله", "*عيب في الذات", "*مساس بالذات الملكيه", "*اهانه العلم",
        ),
        note="ICCS 0809 includes 'insult of the sovereign, the State, nation or state symbols' (acts "
        "against the king or the royal family are 0904; insulting them is not)",
    ),
    _Rule("080321", (
        "blasphem*", "apostasy", "proselytism", "insult* .. religio*", "offending religious feelings",
        "offence to religious feelings", "outrage .. religio*", "blasfemia", "escarnio",
        "ofensa* .. sentimientos religiosos", "оскорблени* религиозных чувств", "dini degerleri asagilama",
        "*ازدراء الاديان", "*ازدراء .. دين*", "*الاساءه .. الدين*",
    )),
    _Rule("02099", ("insult to honour and dignity", "atteinte a l honneur", "ofensa* al honor")),
    _Rule("0209", (
        "defamation", "defamatory", "insult", "insults", "insulting", "slander*", "libel*", "calumny",
        "diffamation", "injure", "injures", "denonciation calomnieuse", "calomnie", "difamacion", "injuria",
        "injurias", "calumnia", "calumnias", "клевет*", "оскорблени*", "hakaret", "iftira", "诽谤", "侮辱",
        "delitos contra el honor", "*قذف", "سب", "السب", "والسب", "*اهانه",
    )),
    _Rule("0210", ("discrimination", "discriminacion", "дискриминаци*", "ayrimcilik", "歧视", "*تمييز")),
    _Rule("02119", (
        "organ trafficking", "trafficking in human organs", "trafficking in organs", "trafic d organes",
        "trafico de organos", "торговл* органами", "desecration of .. grave*", "violation de sepulture",
        "atteinte a l integrite du cadavre", "profanacion de tumba*", "profanacion de cadaver*",
        "надругательств* над телами", "侮辱尸体", "盗窃尸体",
    )),
    _Rule("02111", (
        "invasion of privacy", "violation of privacy", "breach of privacy", "wiretapping",
        "illegal interception of communications", "atteinte a la vie privee",
        "atteinte au secret des correspondances", "descubrimiento y revelacion de secretos",
        "violacion de secretos", "violacion de la intimidad", "нарушени* неприкосновенности частной жизни",
        "нарушени* тайны переписки", "ozel hayatin gizliligini ihlal", "haberlesmenin gizliligini ihlal",
        "侵犯公民个人信息", "*انتهاك حرمه الحياه الخاصه",
    )),
    # -- 04 robbery; 05 property ----------------------------------------------------------------------
    _Rule(
        "040121",
        ("carjacking", "car jacking", "robo de vehiculo*", "robo de automovil*", "robo de auto*",
         "vol de vehicule avec violence"),
        note="ICCS in Spanish calls robbery of a car or vehicle 'robo de automóviles o vehículos'",
    ),
    _Rule("040131", ("bank robbery", "robbery of a bank", "hold up .. banque", "vol a main armee .. banque",
                     "robo .. banco", "asalto .. banco", "抢劫银行", "抢劫金融机构")),
    _Rule("04014", ("cattle rustling", "robbery of livestock", "vol de betail avec violence",
                    "robo de ganado", "abigeato con violencia")),
    _Rule(
        "0401",
        (
            "robbery", "robberies", "armed robbery", "aggravated robbery", "theft with violence",
            "stealing with violence", "mugging", "banditry", "dacoity", "hold up", "holdup",
            "vol a main armee", "vol avec violence", "vol avec arme", "vol qualifie", "vols qualifies",
            "brigandage", "robo", "robos", "robo con violencia", "robo a mano armada", "robo agravado",
            "robo calificado", "atraco", "asalto a mano armada", "asalto", "разбой", "разбоя", "разбойн*",
            "грабеж*", "yagma*",
            "gasp", "抢劫", "*سرقه بالاكراه", "*سرقه .. بالسلاح", "*سطو المسلح", "*سطو مسلح", "*حرابه",
            "*نهب المسلح",
        ),
        unless=(
            "robo con fuerza", "robo .. en casa", "robo .. en vivienda", "robo .. domicilio",
            "robo .. morada", "robo sin violencia", "robo simple",
        ),
        note="ICCS in Spanish calls robbery 'robo' and theft 'hurto'; 'robo con fuerza' (force on things) "
        "is read as burglary (0501); ICCS puts banditry and dacoity in robbery",
    ),
    _Rule("0409", ("looting", "pillage", "pillaging", "plunder*", "saqueo", "мародерств*", "yagmalama",
                   "哄抢", "*نهب")),
    _Rule("05012", (
        "residential burglary", "burglary of a dwelling", "burglary of a home", "domestic burglary",
        "home invasion", "housebreaking", "house breaking", "cambriolage .. domicile",
        "vol .. dans un local d habitation", "robo .. casa habitada", "robo .. vivienda", "robo .. domicilio",
        "robo .. morada", "кража .. с незаконным проникновением в жилище", "konut .. hirsizlik", "入户盗窃",
        "*سطو على منزل",
    )),
    _Rule("0501", (
        "burglary", "burglaries", "breaking and entering", "break and enter", "burglar*", "cambriolage",
        "cambriolages", "vol par effraction", "vol avec effraction", "effraction", "robo con fuerza",
        "escalamiento", "кража .. с незаконным проникновением", "*سرقه بالكسر", "*سطو",
    )),
    _Rule("07019", (
        "identity theft", "identity fraud", "impersonation", "impersonating", "false personation",
        "insurance fraud", "wire fraud", "mail fraud", "ponzi", "pyramid scheme*", "usurpation d identite",
        "usurpation de fonction*", "usurpacion de identidad", "suplantacion de identidad",
        "usurpacion de funciones", "usurpacion de titulo*", "fraude aux assurances", "fraude de seguro*",
        "estafa .. seguro*", "мошенничеств* в сфере страхования", "финансов* пирамид*",
        "sigorta dolandiricilig*", "保险诈骗", "*انتحال صفه", "*انتحال شخصيه",
    )),
    _Rule(
        "0503",
        (
            "copyright infringement", "copyright piracy", "software piracy", "counterfeiting of trademark*",
            "trademark infringement", "patent infringement", "intellectual property", "industrial espionage",
            "economic espionage", "commercial espionage", "propriete intellectuelle", "espionnage industriel",
            "espionnage economique", "propiedad intelectual", "propiedad industrial", "pirateria de software",
            "espionaje industrial", "нарушени* авторских .. прав", "незаконн* использовани* товарного знака",
            "fikri mulkiyet", "marka hakkina tecavuz", "侵犯著作权", "侵犯知识产权", "假冒注册商标",
            "*حقوق الملكيه الفكريه",
        ),
        note="ICCS 0503 includes industrial espionage not amounting to forgery or counterfeiting",
    ),
    _Rule("05021", (
        "vehicle theft", "car theft", "auto theft", "theft of a .. vehicle", "theft of .. car*",
        "theft of a motor*", "stealing .. car*", "vol de vehicule*", "vol de voiture*", "vol d automobile*",
        "hurto de vehiculo*", "hurto de automovil*", "hurto de moto*", "кража .. автомобил*",
        "кража .. транспортного средства", "arac hirsizlig*", "oto hirsizlig*", "盗窃机动车", "*سرقه سياره",
        "*سرقه السيارات",
    )),
    _Rule(
        "050212",
        ("joyriding", "unauthorised taking of a vehicle", "unauthorized taking of a vehicle", "угон*",
         "vol d usage", "uso no autorizado de vehiculo*", "hurto de uso"),
        note="Russian 'угон' is taking a vehicle without the intent to keep it",
    ),
    _Rule("050231", ("shoplifting", "vol a l etalage", "hurto en tienda*", "hurto en establecimiento*",
                     "кража в магазине")),
    _Rule("050221", ("pickpocket*", "vol a la tire", "carterismo", "抢夺", "扒窃", "карманн* краж*")),
    _Rule("05025", ("livestock theft", "theft of livestock", "cattle theft", "stock theft", "vol de betail",
                    "abigeato", "hayvan hirsizlig*")),
    _Rule("05026", ("theft of electricity", "theft of services", "fare evasion", "vol d electricite",
                    "defraudacion de fluido electrico", "hurto de energia", "кража электроэнергии")),
    # laundering and handling stolen goods come before theft and fraud ("laundering proceeds of fraud")
    _Rule("07041", (
        "money laundering", "laundering", "launder*", "blanchiment", "blanchiment d argent",
        "blanchiment de capitaux", "lavado de activos", "lavado de dinero", "lavado de capitales",
        "blanqueo de capitales", "blanqueo de dinero", "blanqueo", "legitimacion de capitales",
        "operaciones con recursos de procedencia ilicita", "отмывани*", "легализаци* .. денежных средств",
        "легализаци* .. имущества", "karapara aklama", "kara para aklama", "aklama", "洗钱", "*غسل الاموال",
        "*غسيل الاموال", "*تبييض الاموال", "conceal* .. proceeds of crime", "disguis* .. proceeds of crime",
        "conceal* .. criminal proceeds", "proceeds of crime", "dissimulation .. produit du crime",
        "encubrimiento .. producto del delito", "掩饰 隐瞒犯罪所得收益",
    )),
    _Rule("07042", ("trafficking in cultural property", "illicit trafficking of cultural property",
                    "antiquities trafficking", "trafic de biens culturels", "trafico de bienes culturales",
                    "倒卖文物")),
    _Rule("07042", _TRAFFIC_ACTS, needs=_CULTURAL_PROPERTY),
    _Rule(
        "07049",
        (
            "receiving stolen", "handling stolen", "possession of stolen", "stolen goods", "stolen property",
            "recel", "recel de vol*", "receptacion", "приобретени* или сбыт* имущества", "suc esyasinin",
            "掩饰 隐瞒犯罪所得", "*اخفاء اشياء مسروقه", "*اخفاء .. مسروقه",
        ),
        unless=("recel de malfaiteur*",),
    ),
    _Rule(
        "0502",
        (
            "theft", "thefts", "larceny", "stealing", "aggravated theft", "grand theft", "petty theft", "vol",
            "vols", "vol aggrave", "vol simple", "soustraction frauduleuse", "hurto", "hurtos",
            "hurto agravado", "hurto calificado", "robo sin violencia", "robo simple", "sustraccion", "кража",
            "кражи", "краж*", "hirsizl*", "盗窃", "偷窃", "*سرقه", "*سرقات",
        ),
        note="French 'vol' and Spanish 'hurto' are theft; Spanish 'robo' is robbery (0401)",
    ),
    _Rule("05041", ("damage to public property", "destruction of public property",
                    "degradation de biens publics", "danos a bienes publicos")),
    _Rule(
        "0504",
        (
            "arson", "criminal damage", "malicious damage", "vandalism", "destruction of property",
            "damage to property", "damaging property", "property damage", "graffiti", "incendie volontaire",
            "incendie", "destruction du bien d autrui", "degradation", "degradations",
            "destruction volontaire", "incendio", "incendio provocado", "incendio doloso", "danos", "dano",
            "danos materiales", "vandalismo", "estragos", "поджог*", "уничтожени* .. имущества",
            "повреждени* .. имущества", "kundaklama", "mala zarar verme", "放火", "故意毁坏财物",
            "*حريق العمد", "*اضرام النار", "*اتلاف",
        ),
        unless=(
            "danos informaticos", "dano informatico", "environment*", "environnement", "ambiental",
            "medio ambiente", "degradation of",
        ),
        note="ICCS has no group for arson: it is property damage (0504)",
    ),
    _Rule("0509", (
        "criminal trespass", "trespass*", "squatting", "unlawful occupation", "forcible entry",
        "violation de domicile", "allanamiento de morada", "allanamiento", "violacion de domicilio",
        "usurpacion", "usurpacion de inmueble*", "нарушени* неприкосновенности жилища",
        "konut dokunulmazligini ihlal", "非法侵入住宅", "*انتهاك حرمه مسكن",
    )),
    # coercion is also a modifier ("robbery by coercion", "sexual coercion"): after those offences
    _Rule("0205", ("coercion", "contrainte", "coaccion", "coacciones", "принуждени*", "الاكراه", "اكراه")),
    # -- 06 drugs -------------------------------------------------------------------------------------
    _Rule("060121", (
        "drug trafficking", "drug trafficker*", "drugs trafficking", "narcotics trafficking", "drug dealing",
        "drug smuggling", "narcotrafic*", "trafic de stupefiants", "trafic de drogue*", "trafico de drogas",
        "trafico de estupefacientes", "trafico ilicito de drogas", "narcotrafico", "narcomenudeo",
        "microtrafico", "незаконн* сбыт* наркотическ*", "uyusturucu ticareti", "uyusturucu madde ticareti",
        "uyusturucu kacakcilig*", "贩毒", "贩卖毒品", "走私毒品", "运输毒品", "*اتجار بالمخدرات",
        "*اتجار في المخدرات", "*تهريب المخدرات", "*ترويج المخدرات",
    )),
    _Rule("060124", _TRAFFIC_ACTS + _MANUFACTURE_ACTS + ("diversion", "detournement", "desvio"),
          needs=_PRECURSORS),
    _Rule("060121", _TRAFFIC_ACTS, needs=_DRUGS),
    _Rule("060122", _MANUFACTURE_ACTS, needs=_DRUGS, refine=(("060112", _PERSONAL_USE),)),
    _Rule("060123", _CULTIVATION_ACTS, needs=_DRUGS, refine=(("060112", _PERSONAL_USE),)),
    _Rule(
        "0601", _POSSESSION_ACTS, needs=_DRUGS,
        refine=(("060111", _PERSONAL_USE), ("060121", _FOR_SUPPLY)),
        note="possession alone does not say whether the drugs were for personal use (060111) or not "
        "(06012): the division, unless the label or the facts say which",
    ),
    _Rule("060111", _USE_ACTS, needs=_DRUGS),
    _Rule(
        "0601",
        (
            "drug offence*", "drug offense*", "drug related offence*", "drug crime*", "narcotics offence*",
            "infraction* a la legislation sur les stupefiants", "delitos contra la salud",
            "delito contra la salud publica", "delitos contra la salud publica", "незаконн* оборот* наркот*",
            "незаконн* оборот* психотроп*", "uyusturucu", "毒品犯罪", "*جرائم المخدرات",
        ),
        note="Spanish 'delitos contra la salud (pública)' and Russian 'незаконный оборот' are umbrella "
        "names for drug offences: the division",
    ),
    _Rule("060212", ("bootlegging", "moonshin*", "contrebande d alcool", "contrabando de alcohol")),
    _Rule("060222", ("cigarette smuggling", "tobacco smuggling", "contrebande de tabac",
                     "contrebande de cigarettes", "contrabando de cigarrillos", "contrabando de tabaco")),
    _Rule("06029", ("doping", "dopage", "dopaje", "допинг*")),
    # -- 07 fraud, forgery, corruption: the composite names (electoral, tax, customs fraud...) first ---
    _Rule("08079", (
        "electoral fraud", "election fraud", "vote rigging", "ballot stuffing", "fraude electorale",
        "fraude electoral", "delito electoral", "delitos electorales",
        "фальсификаци* избирательных документов", "фальсификаци* итогов голосования", "破坏选举",
        "*تزوير الانتخابات", "*تزوير .. الانتخاب*",
    )),
    _Rule("08071", (
        "vote buying", "buying votes", "bribery of voters", "voter intimidation", "corruption electorale",
        "achat de voix", "compra de votos", "coaccion electoral", "подкуп избирателей", "oy satin alma",
        "*شراء الاصوات",
    )),
    _Rule(
        "08041",
        (
            "tax evasion", "tax fraud", "tax offence*", "tax crime*", "evasion of tax*", "vat fraud",
            "welfare fraud", "benefit fraud", "social security fraud", "evasion of customs dut*",
            "customs duty evasion", "fraude fiscale", "evasion fiscale", "fraude a la tva", "fraude sociale",
            "defraudacion tributaria", "defraudacion fiscal", "delito fiscal", "delitos fiscales",
            "evasion fiscal", "evasion tributaria", "fraude fiscal", "fraude tributario",
            "fraude a la seguridad social", "уклонени* от уплаты налог*", "уклонени* .. от уплаты .. сбор*",
            "налогов* преступлени*", "vergi kacakcilig*", "vergi kacirma", "逃税", "偷税", "骗取出口退税",
            "*تهرب الضريبي", "*تهرب من الضرائب", "*تهرب الجمركي",
        ),
        note="ICCS codes tax and social-welfare fraud to public revenue (08041), not to fraud (0701)",
    ),
    _Rule("08044", (
        "customs fraud", "customs evasion", "evasion of customs", "fraude douaniere", "delit douanier",
        "fraude aduanera", "delito aduanero",
    )),
    _Rule("08059", ("immigration fraud", "visa fraud", "fraude a l immigration", "fraude migratorio")),
    _Rule(
        "08042",
        (
            "fraudulent bankruptcy", "fraudulent insolvency", "bankruptcy fraud", "usury", "bid rigging",
            "banqueroute", "abus de biens sociaux", "usure", "insolvencia punible", "alzamiento de bienes",
            "quiebra fraudulenta", "usura", "неправомерн* действи* при банкротстве",
            "преднамеренн* банкротств*", "фиктивн* банкротств*", "незаконн* предпринимательств*",
            "незаконн* банковск* деятельност*", "hileli iflas", "tefecilik", "非法经营", "非法吸收公众存款",
            "*افلاس بالتدليس", "الربا", "unlicensed money transmit*", "unlicensed money services",
            "unlicensed money remittance", "unlicensed banking", "illegal banking", "exercice illegal de la "
            "profession de banquier", "intermediacion financiera no autorizada", "captacion masiva",
        ),
        note="ICCS 08042 includes fraudulent insolvency, competition offences and usury; French 'abus de "
        "biens sociaux' (misuse of company assets) is read as a company-law offence",
    ),
    _Rule("08045", (
        "insider trading", "insider dealing", "market manipulation", "manipulation of .. market*",
        "delit d initie", "manipulation de cours", "uso de informacion privilegiada",
        "abuso de informacion privilegiada", "manipulacion de mercado*", "манипулировани* рынком",
        "инсайдерск*", "内幕交易", "操纵证券",
    )),
    _Rule("08043", ("illegal gambling", "illegal betting", "jeux de hasard illegaux", "juego ilegal",
                    "apuestas ilegales", "незаконн* .. азартных игр", "kumar", "赌博", "开设赌场", "*قمار")),
    _Rule(
        "0809", ("dowry", "dowry demand*", "dowry harassment", "exigence de dot", "exigencia de dote"),
        note="ICCS 0809 includes criminal provisions of family law such as dowry offences",
    ),
    _Rule("070111", (
        "fraud against the state", "procurement fraud", "public procurement fraud", "subsidy fraud",
        "grant fraud", "fraud against public funds", "escroquerie au prejudice de l etat",
        "fraude aux subventions", "fraude en contratacion publica", "fraude de subvenciones",
        "fraude al estado", "*احتيال على الدوله",
    )),
    _Rule(
        "07011",
        (
            "bank fraud", "banking fraud", "investment fraud", "securities fraud", "mortgage fraud",
            "credit card fraud", "card fraud", "cheque fraud", "check fraud", "bad cheque*",
            "bounced cheque*", "bad check*", "bounced check*", "dishonoured cheque*", "loan fraud",
            "financial fraud", "escroquerie bancaire", "fraude bancaire",
            "emission de cheque* sans provision", "cheque* sans provision", "estafa bancaria",
            "fraude bancario", "cheque* sin fondo*", "libramiento de cheque*",
            "мошенничеств* в сфере кредитования", "мошенничеств* с .. карт*", "karsiliksiz cek", "集资诈骗",
            "贷款诈骗", "信用卡诈骗", "金融诈骗", "票据诈骗", "*شيك بدون رصيد", "*شيكات بدون رصيد",
        ),
        note="ICCS lists writing bad cheques under financial fraud (07011)",
    ),
    _Rule("0701", (
        "fraud", "frauds", "defraud*", "swindl*", "cheating", "obtaining .. by deception", "false pretence*",
        "false pretense*", "deception", "fraudulent obtaining", "fraudulent misrepresentation",
        "fraudulent scheme*", "scam*", "escroquerie*", "fraude", "fraudes", "estafa", "estafas",
        "defraudacion", "defraudaciones", "timo", "мошенничеств*", "dolandiricil*", "诈骗", "合同诈骗",
        "*احتيال", "نصب", "النصب", "والنصب",
    )),
    _Rule("070211", (
        "counterfeit* .. currency", "counterfeit* .. money", "counterfeit* .. banknote*",
        "counterfeit* .. coin*", "counterfeit* .. notes", "forg* .. banknote*", "false money",
        "fausse monnaie", "faux monnayage", "contrefacon .. monnaie*", "falsificacion de moneda",
        "falsificacion de billetes", "moneda falsa", "изготовлени* .. поддельных денег",
        "фальшивомонетничеств*", "поддельн* .. банковск* билет*", "parada sahtecilik", "伪造货币",
        "*تزييف العمله", "*تزوير العمله", "*تزييف النقود",
    )),
    _Rule("070212", (
        "counterfeit* .. card*", "forg* .. card*", "card skimming", "skimming", "contrefacon de carte*",
        "falsificacion de tarjeta*", "clonacion de tarjeta*", "поддельн* .. платежн* карт*", "伪造信用卡",
        "*تزوير .. بطاق*",
    )),
    _Rule("07023", (
        "forg* .. document*", "document forgery", "forged document*", "false document*",
        "falsification of document*", "forg* .. passport*", "forged passport*", "false passport*",
        "forg* .. identity", "forg* .. visa*", "forg* .. certificate*", "forg* .. official", "uttering",
        "faux en ecriture*", "faux .. document*", "faux documents", "faux passeport*",
        "faux et usage de faux", "usage de faux", "falsification de document*", "falsificacion de documento*",
        "falsedad documental", "falsedad en documento*", "falsedad ideologica", "falsedad material",
        "uso de documento falso", "documento* falso*", "подделк* .. документ*", "поддельн* документ*",
        "belgede sahtecilik", "resmi belgede sahtecilik", "伪造公文", "伪造证件", "伪造 变造", "伪造身份证",
        "伪造护照", "*تزوير محرر*", "*تزوير المستندات", "*تزوير مستند*", "*تزوير وثائق", "*تزوير .. رسمي*",
    )),
    _Rule(
        "07022",
        (
            "counterfeit goods", "counterfeit products", "counterfeit medicine*", "counterfeit drugs",
            "fake medicine*", "counterfeit* .. goods", "contrefacon", "contrefacons", "medicaments falsifies",
            "mercancia falsificada", "productos falsificados", "medicamentos falsificados", "контрафакт*",
            "фальсифицированн* лекарствен*", "sahte ilac", "假药", "生产 销售伪劣产品", "*بضائع مقلده",
            "*ادويه مغشوشه",
        ),
        note="French 'contrefaçon' is read as the counterfeiting of protected goods (07022)",
    ),
    _Rule(
        "0702",
        (
            "forgery", "forgeries", "counterfeiting", "counterfeit", "falsification", "falsified", "faux",
            "falsificacion", "falsedad", "подделк*", "фальсификаци*", "sahtecilik", "sahte", "伪造", "*تزوير",
            "*تزييف",
        ),
        unless=(
            "faux temoignage", "faux temoin*", "falsification of evidence", "falsificacion de pruebas",
            "фальсификаци* доказательств",
        ),
    ),
    _Rule("07034", (
        "trading in influence", "influence peddling", "traffic* in influence", "trafic d influence",
        "trafico de influencias", "trafico de influencia", "торговл* влиянием", "nufuz ticareti",
        "利用影响力受贿", "*استغلال النفوذ", "*متاجره بالنفوذ", "*اتجار بالنفوذ",
    )),
    _Rule("070312", (
        "accept* .. bribe*", "receiv* .. bribe*", "taking .. bribe*", "solicit* .. bribe*", "passive bribery",
        "passive corruption", "corruption passive", "cohecho pasivo", "soborno pasivo",
        "recepcion de dadivas", "получени* взятки", "rusvet alma*", "受贿", "*ارتشاء", "*قبول رشوه",
        "*طلب رشوه",
    )),
    _Rule("070311", (
        "giving .. bribe*", "offering .. bribe*", "offer* .. bribe*", "paying .. bribe*", "active bribery",
        "active corruption", "corruption active", "cohecho activo", "soborno activo", "дач* взятки",
        "rusvet verme*", "行贿", "单位行贿", "*تقديم رشوه", "*عرض رشوه",
    )),
    _Rule("07031", (
        "bribery", "bribe", "bribes", "bribing", "cohecho", "soborno", "sobornos", "coima", "dadiva*",
        "взятк*", "взяточничеств*", "коммерческ* подкуп*", "подкуп*", "rusvet*", "贿赂", "*رشوه", "*رشاوي",
    )),
    _Rule(
        "07032",
        (
            "embezzl*", "misappropriation", "misappropriating", "misuse of public funds", "defalcation",
            "peculation", "breach of trust", "criminal breach of trust", "detournement de fonds",
            "detournement de deniers publics", "detournement de biens publics", "soustraction de deniers",
            "abus de confiance", "malversacion", "malversacion de caudales publicos",
            "malversacion de fondos", "peculado", "apropiacion indebida", "administracion desleal",
            "присвоени*", "растрат*", "zimmet*", "guveni kotuye kullanma", "贪污", "挪用公款", "职务侵占",
            "挪用资金", "*اختلاس", "*خيانه الامانه", "*استيلاء على المال العام",
        ),
        note="ICCS 07032 includes embezzlement in the private sector, misappropriation and dishonest "
        "conversion: French 'abus de confiance' and Spanish 'apropiación indebida' are read there",
    ),
    _Rule("07033", (
        "abuse of office", "abuse of power", "abuse of authority", "abuse of function*",
        "abuse of official position", "abuse of public office", "abuse of position", "misuse of office",
        "misconduct in public office", "nepotism", "abus de fonction*", "abus d autorite", "abus de pouvoir",
        "favoritisme", "concussion", "abuso de autoridad", "abuso de funciones", "abuso de poder",
        "abuso de funcion publica", "prevaricato", "prevaricacion", "nepotismo",
        "злоупотреблени* должностными полномочиями", "превышени* должностных полномочий",
        "злоупотреблени* полномочиями", "gorevi kotuye kullanma", "滥用职权", "*اساءه استعمال السلطه",
        "*اساءه استغلال السلطه", "*استغلال الوظيفه", "*استغلال المنصب",
    )),
    _Rule("07035", (
        "illicit enrichment", "unjust enrichment", "unexplained wealth", "enrichissement illicite",
        "enriquecimiento ilicito", "enriquecimiento injustificado", "незаконн* обогащени*",
        "haksiz mal edinme", "巨额财产来源不明", "*اثراء غير المشروع", "*كسب غير المشروع",
    )),
    _Rule("07039", ("conflict of interest", "prise illegale d interets", "negociaciones incompatibles")),
    _Rule(
        "0703", ("corruption", "corrupt practices", "corrupcion", "коррупци*", "yolsuzluk", "腐败", "*فساد"),
        unless=("corruption of minor*", "corruption de mineur*", "corrupcion de menor*"),
    ),
    # -- 08 public order, authority and provisions of the State ----------------------------------------
    _Rule(
        "08011",
        (
            "riot", "riots", "rioting", "mass riot*", "mass disorder*", "violent disorder", "affray",
            "hooligan*", "emeute*", "violences urbaines", "rixe", "desordenes publicos", "motin", "asonada",
            "массов* беспорядк*", "хулиганств*", "聚众斗殴", "寻衅滋事", "*شغب", "*اعمال شغب",
        ),
        note="ICCS lists hooliganism with riot under violent public disorder (08011); the Chinese "
        "'picking quarrels and provoking trouble' (寻衅滋事) is read as hooliganism",
    ),
    _Rule(
        "08019",
        (
            "unlawful assembly", "illegal assembly", "unauthori* .. protest*", "unauthori* .. assembl*",
            "unauthori* .. demonstration*", "unauthori* .. rally", "unauthori* .. meeting*",
            "unauthori* .. mass event*", "unauthori* .. public event*", "unsanctioned .. mass event*",
            "unsanctioned .. rally", "unsanctioned .. protest*", "illegal demonstration*", "illegal protest*",
            "attroupement", "manifestation non autorisee", "manifestation illicite", "reunion ilicita",
            "manifestacion ilicita", "нарушени* .. порядка .. собрания", "нарушени* .. порядка .. митинга",
            "нарушени* .. порядка .. публичного мероприятия", "kanunsuz toplanti", "非法集会", "非法游行",
            "*تجمهر", "*تظاهر بدون ترخيص",
        ),
        note="ICCS 08019 includes organizing or joining an unlawful assembly",
    ),
    _Rule("0801", (
        "disturbing public order", "breach of the peace", "breach of public order",
        "disturbance of public order", "public order offence*", "trouble a l ordre public",
        "alteracion del orden publico", "desorden publico", "нарушени* общественного порядка", "聚众扰乱",
        "扰乱公共秩序", "*اخلال بالنظام العام",
    )),
    _Rule("08012", ("public drunkenness", "disorderly conduct", "vagrancy", "ivresse publique",
                    "embriaguez publica", "vagancia")),
    _Rule("08021", ("prostitution", "soliciting", "racolage", "prostitucion", "проституци*", "fuhus", "卖淫",
                    "嫖娼", "*دعاره")),
    _Rule("08022", ("pornograph*", "pornografi*", "obscene material*", "obscenity", "порнограф*",
                    "muzehhas", "淫秽物品", "*اباحي*")),
    _Rule(
        "08029",
        (
            "bigamy", "polygamy", "adultery", "incest", "indecent exposure", "exhibitionism",
            "public indecency", "sodomy", "homosexual*", "bestiality", "bigamie", "adultere", "inceste",
            "exhibition sexuelle", "outrage public a la pudeur", "bigamia", "adulterio", "exhibicionismo",
            "бигами*", "кровосмешени*", "zina", "重婚", "الزنا", "*لواط", "*فعل فاضح",
        ),
        note="ICCS 0802 covers consensual sexual conduct a State prohibits (adultery, bigamy, same-sex "
        "acts): the code records what was charged, not that it should be",
    ),
    _Rule("080322", (
        "hate speech", "incitement to hatred", "incitement to .. hatred", "incitement to violence",
        "incit* .. hatred", "stirring up .. hatred", "hate crime*", "incitation a la haine",
        "provocation a la haine", "incitation .. haine", "provocation a la discrimination",
        "incitacion al odio", "discurso de odio", "delito de odio", "возбуждени* ненависти",
        "разжигани* .. розни", "возбуждени* .. вражды", "halki kin ve dusmanliga tahrik",
        "kin ve dusmanliga tahrik", "煽动民族仇恨", "煽动民族歧视", "*تحريض على الكراهيه", "*اثاره النعرات",
        "*حض على الكراهيه",
    )),
    _Rule(
        "09069",
        (
            "incitement to terrorism", "incitement .. terrorism", "incitement .. terrorist*",
            "public calls .. terror*", "apology for terrorism", "glorification of terrorism",
            "glorifying terrorism", "justification of terrorism", "justifying terrorism",
            "recruitment .. terror*", "recruiting .. terror*", "training .. terror*", "terrorist training",
            "terrorist propaganda", "propaganda .. terror*", "encouragement of terrorism",
            "apologie du terrorisme", "provocation .. terrorisme", "provocation .. actes de terrorisme",
            "enaltecimiento del terrorismo", "apologia del terrorismo", "adoctrinamiento .. terrorista",
            "captacion .. terrorista", "публичн* призыв* .. террор*", "оправдани* терроризма",
            "пропаганд* терроризма", "содействи* террористическ*", "прохождени* обучения .. террор*",
            "teror orgutu propagandasi", "teror .. propaganda*", "宣扬恐怖主义", "煽动实施恐怖活动",
            "准备实施恐怖活动", "*تحريض على الارهاب", "*تحريض .. ارهابي*", "*تمجيد الارهاب",
            "*ترويج .. ارهابي*", "*تجنيد .. ارهابي*",
        ),
        note="ICCS 09069 includes recruitment or training for terrorism and incitement to terrorism",
    ),
    _Rule(
        "080329",
        (
            "extremis*", "extremist activity", "anti state propaganda", "propaganda against .. state",
            "anti government propaganda", "disseminat* .. false information",
            "spreading .. false information", "false information .. armed forces",
            "discredit* .. armed forces", "discredit* .. army", "rehabilitation of nazism", "extremisme",
            "extremismo", "экстремист*", "экстремизм*", "реабилитаци* нацизма",
            "дискредитаци* .. вооруженных сил", "заведомо ложн* информаци*", "bolucu propaganda", "极端主义",
            "*تطرف", "*نشر اخبار كاذبه",
        ),
        unless=(
            "extremist organi*", "extremist communit*", "extremist group*", "экстремистск* сообществ*",
            "экстремистск* организаци*",
        ),
        note="ICCS 080329 covers the 'propagation, promotion or dissemination of controlled political views "
        "or material': extremism offences defined by speech (public calls, propaganda, false information "
        "about the armed forces) are read there; ICCS names no extremism offence, so this is a reading",
    ),
    _Rule(
        "0809",
        (
            "extremist organi*", "extremist communit*", "extremist group*", "banned organi*",
            "prohibited organi*", "экстремистск* сообществ*", "экстремистск* организаци*", "yasadisi orgut",
        ),
        note="membership of a banned organisation that is neither terrorist nor an organised criminal "
        "group has no ICCS group: other acts against the authority and provisions of the State (0809), "
        "a reading",
    ),
    _Rule("08031", ("censorship", "censure", "censura", "obstruct* .. journalist*",
                    "entrave a la liberte d expression",
                    "воспрепятствовани* .. деятельности журналист*")),
    _Rule(
        "08051",
        (
            "smuggling of migrants", "migrant smuggling", "people smuggling", "human smuggling",
            "smuggling of persons", "smuggling of people", "alien smuggling", "smuggling .. migrant*",
            "trafic de migrants", "trafic illicite de migrants", "aide a l entree .. irreguli*",
            "trafico de migrantes", "trafico ilicito de migrantes", "trafico ilegal de personas",
            "trafico de personas", "trafico ilegal de migrantes", "организаци* незаконной миграции",
            "gocmen kacakcilig*", "组织他人偷越国", "运送他人偷越国", "*تهريب المهاجرين", "*تهريب البشر",
            "*تهريب الاشخاص",
        ),
        note="Spanish-American 'tráfico de personas' is migrant smuggling; trafficking in persons is "
        "'trata de personas' (0204)",
    ),
    _Rule("08059", (
        "illegal entry", "unlawful entry into", "illegal border crossing", "illegal crossing",
        "illegal immigration", "illegal stay", "entree irreguliere", "sejour irregulier",
        "aide au sejour irregulier", "ingreso ilegal", "cruce ilegal", "незаконн* пересечени* .. границ*",
        "偷越国境", "偷越国 边 境",
    )),
    _Rule(
        "08062",
        (
            "escape from custody", "escape from prison", "escape from lawful custody", "escape*",
            "prison break", "jailbreak", "breach of bail", "bail jumping", "breach of court order",
            "breach of .. order", "violation of probation", "violation of parole", "parole violation",
            "probation violation", "breach of probation", "breach of parole", "resisting arrest", "evasion",
            "evasion de detenu*", "bris de prison", "rebellion .. agent*", "rebellion .. force* de l ordre",
            "evasion de presos", "fuga de presos", "quebrantamiento de condena", "quebrantamiento de medida*",
            "побег* из .. лишения свободы", "побег*", "уклонени* от отбывания наказания",
            "hukumlu .. kacmasi", "tutuklu .. kacmasi", "脱逃", "越狱", "*هروب من السجن", "*فرار من السجن",
        ),
        unless=(
            "tax evasion", "evasion fiscale", "evasion fiscal", "evasion tributaria", "evasion of",
            "military service", "service militaire", "servicio militar", "военной службы", "evasion .. tax*",
            "evasion .. dut*", "evasion .. douan*", "evasion .. aduan*", "evasion .. impuesto*",
        ),
    ),
    _Rule(
        "08061",
        (
            "obstruction of justice", "perverting the course of justice", "obstructing justice",
            "obstruct* .. justice", "perjury", "false testimony", "false witness", "false evidence",
            "fabricat* .. evidence", "falsification of evidence", "falsificacion de pruebas",
            "фальсификаци* доказательств", "tampering with evidence", "destruction of evidence",
            "harbouring .. offender*", "harboring .. offender*", "harbouring .. fugitive*",
            "harboring .. fugitive*", "harbouring .. criminal*", "harboring .. criminal*",
            "assisting .. offender*", "assisting .. fugitive*", "concealing .. offender*",
            "accessory after the fact", "aiding and abetting", "complicity", "accomplice",
            "failure to report .. crime", "failure to appear", "non comparution", "incomparecencia",
            "false report*", "false accusation", "entrave .. justice", "faux temoignage",
            "recel de malfaiteur*", "subornation", "denonciation mensongere", "non denonciation de crime",
            "complicite", "obstruccion .. justicia", "falso testimonio", "encubrimiento", "favorecimiento",
            "falsa denuncia", "complicidad", "заведомо ложн* показани*", "лжесвидетельств*",
            "заведомо ложн* донос*", "укрывательств* преступлени*", "воспрепятствовани* .. правосудия",
            "yalan tanikl*", "sucluyu kayirma", "suc uydurma", "窝藏", "包庇", "伪证", "*شهاده الزور",
            "*ايواء .. مجرم*", "*ايواء .. هارب*", "*تستر",
        ),
        note="ICCS 08061 includes aiding and abetting, failure to report a crime and perverting the "
        "course of justice: harbouring or assisting an offender is read there",
    ),
    _Rule("08063", ("possession of burglary tools", "going equipped", "criminal intent",
                    "detention d outils .. cambriolage", "tenencia de utiles .. robo")),
    _Rule(
        "0806",
        (
            "obstructing .. official*", "obstruct* .. police", "resisting .. officer*", "rebellion contre",
            "resistencia a la autoridad", "atentado contra la autoridad",
            "применени* насилия в отношении представителя власти", "сопротивлени* .. представител*",
            "gorevi yaptirmamak icin direnme", "妨害公务", "*مقاومه السلطات",
        ),
        note="resisting or obstructing officials falls between ICCS 08061 and 08062: the division",
    ),
    _Rule("08082", ("non payment of wages", "wage theft", "refusal to pay wages", "non paiement des salaires",
                    "impago de salarios", "невыплат* заработной платы", "拒不支付劳动报酬")),
    _Rule("0808", ("labour law", "labor law", "droit du travail", "derecho laboral", "劳动法")),
    # -- 09 public safety and state security -----------------------------------------------------------
    _Rule("09062", (
        "financ* .. terror*", "terror* financ*", "funding .. terror*", "support* .. terrorist organi*",
        "material support .. terror*", "financement du terrorisme", "financement .. terroris*",
        "financiacion del terrorismo", "financiamiento del terrorismo", "financiacion .. terroris*",
        "финансировани* терроризма", "финансировани* .. террористическ*", "terorun finansman*",
        "teror .. finanse*", "资助恐怖活动", "帮助恐怖活动", "*تمويل الارهاب", "*تمويل .. ارهابي*",
    )),
    _Rule(
        "09061",
        (
            "membership .. terror*", "member of .. terror*", "participation .. terror*",
            "participating .. terror*", "belonging to .. terror*", "leading .. terror*",
            "leadership of .. terror*", "founding .. terror*", "creation of .. terror*",
            "establish* .. terror*", "joining .. terror*", "association de malfaiteurs .. terroris*",
            "association de malfaiteurs terroriste",
            "association de malfaiteurs en relation avec une entreprise terroriste",
            "participation .. groupement terroriste", "participation .. organisation terroriste",
            "pertenencia .. organizacion terrorista", "pertenencia a banda armada",
            "integracion .. organizacion terrorista", "colaboracion con organizacion terrorista",
            "участи* в .. террористическ*", "организаци* террористическ* сообществ*",
            "террористическ* сообществ*", "террористическ* организаци*", "teror orgutune uye*",
            "teror orgutu uyeligi", "silahli teror orgutune uye*", "orgut uyeligi", "silahli orgut*",
            "参加恐怖组织", "恐怖组织", "*انتماء .. ارهابي*", "*انضمام .. ارهابي*", "*تاسيس .. ارهابي*",
            "*جماعه ارهابيه", "*منظمه ارهابيه",
        ),
        note="Turkish 'silahlı örgüt üyeliği' (membership of an armed organisation, art. 314) is used "
        "for terrorist organisations and read as such",
    ),
    _Rule("110135", ("child soldier*", "conscript* .. children", "recrutement d enfants soldats",
                     "reclutamiento de menores", "ninos soldados")),
    _Rule(
        "0909",
        (
            "illegal armed group*", "illegal armed formation*", "militia", "paramilitar*", "mercenar*",
            "незаконн* вооруженн* формировани*", "наемничеств*", "grupos armados ilegales", "*ميليشي*",
            "*مرتزقه",
        ),
        note="ICCS 0909 includes forming a militia and hiring a mercenary",
    ),
    _Rule(
        "0906",
        (
            "terrorism", "terrorist act*", "act of terrorism", "acts of terrorism", "terrorist attack*",
            "terrorist offence*", "terrorist offense*", "terrorist activit*", "terrorisme",
            "acte de terrorisme", "actes de terrorisme", "entreprise terroriste", "terrorismo",
            "acto terrorista", "actos terroristas", "terrorist", "terroriste", "terroristes", "terrorista",
            "terroristas", "терроризм*", "террористическ* акт*", "teror*", "恐怖活动", "恐怖主义", "*ارهاب",
            "*ارهابي*",
        ),
        note="ICCS codes a committed terrorist offence to the act (a killing is 0101); a label that names "
        "only terrorism is the division",
    ),
    _Rule(
        "09051",
        (
            "participation in .. organi* criminal group", "participation in .. criminal organi*",
            "membership .. criminal organi*", "member of .. criminal organi*", "criminal organi*",
            "criminal association", "criminal enterprise", "criminal gang*", "organi* criminal group",
            "mafia type association", "mafia", "cartel", "cartels", "carteles", "association de malfaiteurs",
            "organisation criminelle", "asociacion ilicita", "asociacion criminal", "organizacion criminal",
            "organizacion delictiva", "grupo criminal", "grupo delictivo organizado", "banda criminal",
            "banda organizada", "concierto para delinquir", "delincuencia organizada", "преступн* сообществ*",
            "преступн* организаци*", "организованн* групп*", "бандитизм", "suc orgutu",
            "suc islemek amaciyla orgut", "黑社会", "犯罪集团", "*عصابه اجراميه", "*عصابه", "*جماعه اجراميه",
            "*تشكيل عصابي", "asociacion delictuosa", "asociacion delictiva", "associazione per delinquere",
            "associazione di tipo mafioso", "criminal syndicate",
        ),
        note="Russian 'бандитизм' (armed gang), French 'association de malfaiteurs' and Colombian "
        "'concierto para delinquir' are read as participation in an organised criminal group",
    ),
    _Rule("0905", (
        "organised crime", "organized crime", "crime organise", "crimen organizado",
        "организованн* преступност*", "orgutlu suc*", "有组织犯罪", "*جريمه المنظمه",
    )),
    _Rule(
        "0904",
        (
            "treason", "high treason", "sedition", "seditious", "espionage", "spying", "spy", "subversion",
            "subvert* .. state", "subvert* .. government", "subvert* .. power", "overthrow*", "rebellion",
            "armed rebellion", "insurrection", "armed mutiny", "mutiny", "coup d etat", "attempted coup",
            "military coup", "coup attempt*", "seizure of power", "usurpation of power",
            "usurpation .. power", "separatis*", "secession*", "territorial integrity", "state secret*",
            "official secret*", "sabotage", "desertion", "deserting", "draft evasion",
            "evasion of military service", "escape from military service", "crimes against the state",
            "crime against the state", "offences against the state", "offenses against the state",
            "state security", "national security", "conspiracy against .. state", "waging war against",
            "trahison", "haute trahison", "intelligence avec .. puissance etrangere",
            "atteinte .. surete de l etat", "atteinte .. interets fondamentaux de la nation",
            "complot contre .. etat", "espionnage", "separatisme", "secret de la defense nationale",
            "traicion", "traicion a la patria", "rebelion", "sedicion", "espionaje", "desercion",
            "golpe de estado", "secretos oficiales", "seguridad del estado", "государственн* измен*",
            "измен* родине", "шпионаж*", "вооруженн* мятеж*", "насильственн* захват* власти",
            "насильственн* удержани* власти", "государственн* переворот*", "сепаратизм*",
            "территориальн* целостност*", "государственн* тайн*", "диверсия", "диверсии", "диверсионн*",
            "дезертирств*",
            "уклонени* от .. военной службы", "уклонени* от призыва", "против основ конституционного строя",
            "vatana ihanet", "casusluk", "anayasal duzen*", "anayasayi ihlal", "devletin birligini .. bozma*",
            "ulke butunlugunu bozma*", "devlet sirlari*", "darbe girisimi", "颠覆国家政权",
            "煽动颠覆国家政权", "分裂国家", "煽动分裂国家", "背叛国家", "间谍", "国家秘密", "叛逃",
            "武装叛乱", "危害国家安全", "政变", "*خيانه العظمي", "*خيانه", "*تجسس", "*تخابر",
            "*قلب نظام الحكم", "*امن الدوله", "*انقلاب", "*تمرد المسلح", "*فرار من الخدمه العسكريه",
        ),
        unless=("evasion fiscale", "tax evasion", "computer sabotage", "sabotage informatique",
                "sabotaje informatico"),
        note="ICCS 0904 includes treason, spying, disclosure of official secrets, sedition, sabotage, "
        "usurpation, conspiracy against the State and military service offences not amounting to war "
        "crimes (desertion and draft evasion are read as such); separatism and subversion are read as "
        "acts against the integrity of the State; the French 'rébellion' can also mean resisting officers",
    ),
    # weapons: the object may come from the law's title ("Firearms Act")
    _Rule("090123", _WEAPON_TRAFFIC_ACTS, needs=_CBRN),
    _Rule("090122", _WEAPON_TRAFFIC_ACTS, needs=_EXPLOSIVES),
    _Rule("090121", _WEAPON_TRAFFIC_ACTS, needs=_FIREARMS),
    _Rule("09012", (
        "arms trafficking", "arms trafficker*", "arms dealing", "arms smuggling", "gun running",
        "illicit arms trade", "trafic d armes", "trafico de armas", "trafico ilicito de armas",
        "silah kacakcilig*",
    )),
    _Rule("09012", _WEAPON_TRAFFIC_ACTS, needs=_WEAPONS),
    _Rule("090113", _WEAPON_POSSESSION_ACTS, needs=_CBRN),
    _Rule("090112", _WEAPON_POSSESSION_ACTS, needs=_EXPLOSIVES),
    _Rule("090111", _WEAPON_POSSESSION_ACTS, needs=_FIREARMS),
    _Rule("09011", _WEAPON_POSSESSION_ACTS, needs=_WEAPONS),
    _Rule(
        "0901",
        (
            "weapon* offence*", "weapon* offense*", "firearm* offence*", "firearm* offense*",
            "illegal weapon*", "illegal firearm*", "unlicensed firearm*", "unlicensed weapon*",
            "infraction* a la legislation sur les armes", "armes prohibees", "armas prohibidas",
            "delitos relacionados con armas", "незаконн* оборот* оружи*", "ruhsatsiz silah*",
            "*اسلحه بدون ترخيص", "*سلاح بدون ترخيص",
        ),
        note="Russian 'незаконный оборот оружия' (art. 222) covers acquiring, keeping and selling: "
        "the division",
    ),
    _Rule("09031", (
        "unauthori* access .. computer*", "unlawful access .. computer*", "illegal access .. computer*",
        "hacking", "computer intrusion", "acces frauduleux", "maintien frauduleux", "acceso ilicito",
        "acceso abusivo", "acceso no autorizado", "неправомерн* доступ* к компьютерной информации",
        "bilisim sistemine girme", "非法侵入计算机信息系统", "*دخول غير المشروع .. نظام", "*اختراق",
    )),
    _Rule("090321", ("denial of service", "ddos", "computer sabotage", "system interference",
                     "unauthorised acts .. impair* .. computer",
                     "unauthori* acts causing", "computer misuse",
                     "entrave au fonctionnement", "sabotaje informatico", "sabotage informatique",
                     "破坏计算机信息系统")),
    _Rule("090322", ("data interference", "alteration of computer data", "deletion of computer data",
                     "destruction of computer data", "damaging computer data",
                     "danos informaticos", "modification frauduleuse de donnees")),
    _Rule("09033", ("illegal interception", "interception of computer data", "interception illegale",
                    "interceptacion ilicita")),
    _Rule("09039", ("malware", "malicious software", "malicious computer program*", "logiciel malveillant",
                    "virus informatique", "programa malicioso", "virus informatico",
                    "вредоносн* компьютерн* программ*", "computer virus*")),
    _Rule("0903", (
        "cybercrime*", "cyber crime*", "computer crime*", "computer misuse", "cybercriminalite",
        "criminalite informatique", "delito informatico", "delitos informaticos", "ciberdelito*",
        "компьютерн* информаци*", "bilisim suc*", "计算机信息系统", "*جرائم الالكترونيه",
        "*جرائم المعلوماتيه", "*جريمه الالكترونيه",
    )),
    _Rule("09021", ("health and safety at work", "workplace safety", "securite au travail",
                    "seguridad laboral", "нарушени* требований охраны труда", "重大责任事故")),
    _Rule("0902", ("quarantine", "quarantaine", "cuarentena", "public health offence*", "нарушени* санитарно",
                   "妨害传染病防治")),
    _Rule("0907", ("traffic offence*", "traffic violation*", "speeding", "driving without a licence",
                   "driving without a license", "conduite sans permis", "infraccion de transito",
                   "conducir sin licencia")),
    # -- 10 environment --------------------------------------------------------------------------------
    _Rule("10031", _TRAFFIC_ACTS + _POSSESSION_ACTS + ("trade",), needs=_WILDLIFE),
    _Rule("10031", ("wildlife trafficking", "wildlife crime", "ivory trafficking",
                    "trafic d especes protegees", "trafico de especies", "trafico de fauna",
                    "危害珍贵 濒危野生动物")),
    _Rule("10042", (
        "poaching", "illegal hunting", "illegal fishing", "braconnage", "peche illegale", "chasse illegale",
        "caza furtiva", "caza ilegal", "pesca ilegal", "furtivismo", "браконьер*", "незаконн* охот*",
        "kacak avcilik", "非法狩猎", "非法捕捞", "*صيد الجائر",
    )),
    _Rule("10041", ("illegal logging", "coupe illegale", "exploitation forestiere illegale", "tala ilegal",
                    "tala clandestina", "незаконн* рубк*", "kacak agac kesimi", "盗伐林木", "滥伐林木")),
    _Rule("10043", ("illegal mining", "orpaillage clandestin", "orpaillage illegal",
                    "exploitation miniere illegale", "mineria ilegal", "незаконн* добыч* полезных ископаемых",
                    "kacak madencilik", "非法采矿", "*تعدين غير المشروع")),
    _Rule("1002", ("illegal dumping", "waste trafficking", "illegal waste", "trafic de dechets",
                   "depot illegal de dechets", "trafico de residuos", "vertido ilegal",
                   "非法处置 .. 废物")),
    _Rule("10091", (
        "animal cruelty", "cruelty to animals", "torture .. animal*", "mistreatment of animals",
        "maltraitance animale", "sevices .. animaux", "actes de cruaute envers .. animaux", "maltrato animal",
        "maltrato de animales", "жестокое обращени* с животными", "hayvana eziyet", "虐待动物",
    )),
    _Rule("1001", (
        "pollution", "environmental crime*", "environmental offence*", "crimes against the environment",
        "atteinte a l environnement", "delito ambiental", "delitos ambientales",
        "delito contra el medio ambiente", "delitos contra el medio ambiente", "contaminacion", "загрязнени*",
        "экологическ* преступлени*", "cevre kirlili*", "污染环境", "*تلوث",
    )),
    _Rule(
        "08044",
        (
            "smuggling", "smuggled goods", "contraband", "contrebande", "contrabando", "контрабанд*",
            "kacakcilik", "kacakcilig*", "走私", "*تهريب",
        ),
        note="smuggling that names no drugs, weapons, migrants, wildlife or cultural property is the "
        "smuggling of goods (08044)",
    ),
    # -- 11 universal jurisdiction ---------------------------------------------------------------------
    _Rule("11011", ("torture", "tortures", "torturing", "actes de torture", "tortura", "torturas", "пытк*",
                    "iskence", "酷刑", "刑讯逼供", "*تعذيب")),
    _Rule("110133", ("sexual violence .. armed conflict", "sexual slavery", "esclavage sexuel",
                     "esclavitud sexual")),
    _Rule("11013", ("war crime*", "crimes de guerre", "crime de guerre", "crimenes de guerra",
                    "crimen de guerra", "военн* преступлени*", "savas suc*", "战争罪", "*جرائم حرب",
                    "*جريمه حرب")),
    _Rule("11014", ("genocide", "genocidio", "геноцид*", "soykirim", "灭绝种族", "种族灭绝",
                    "*اباده جماعيه")),
    _Rule("11015", ("crimes against humanity", "crime against humanity", "crimes contre l humanite",
                    "crime contre l humanite", "lesa humanidad", "преступлени* против человечности",
                    "insanliga karsi suc*", "危害人类罪", "*جرائم ضد الانسانيه")),
    _Rule("11016", ("crime of aggression", "war of aggression", "crime d agression", "crimen de agresion",
                    "агрессивн* войн*", "侵略罪")),
    _Rule("11012", ("piracy", "maritime piracy", "piraterie", "piraterie maritime", "pirateria",
                    "pirateria maritima", "пиратств*", "korsanlik", "海盗", "*قرصنه")),
    _Rule("11021", ("contributing to the delinquency of a minor", "truancy", "selling alcohol to a minor",
                    "provocation directe d un mineur", "vente d alcool a des mineurs",
                    "venta de alcohol a menores")),
    # -- derivative and generic labels, last -----------------------------------------------------------
    _Rule(
        "08064",
        ("conspiracy", "criminal conspiracy", "complot", "conspiracion", "conspiracion para delinquir",
         "сговор*", "共谋", "*اتفاق جنائي"),
        note="ICCS codes a conspiracy to commit a named offence to that offence where it says so "
        "(conspiracy to murder is 0101); a bare conspiracy charge is 08064",
    ),
    _Rule(
        "03",
        ("sexual offence*", "sexual offense*", "sex offence*", "sex offense*", "sexual crime*",
         "infraction* sexuelle*", "delito* sexual*", "delitos contra la libertad sexual",
         "половы* преступлени*", "cinsel suc*", "性犯罪", "*جرائم الجنسيه"),
        note="an unspecified sexual offence may be sexual violence or exploitation (03) or a public-order "
        "sexual offence (0802): the section",
    ),
    _Rule(
        "0601", ("narcotics", "stupefiants", "estupefacientes", "наркотик*", "毒品", "*مخدرات"),
        note="a label naming drugs and no act is the drugs division",
    ),
)
# fmt: on


@dataclass(frozen=True, slots=True)
class _Compiled:
    # The label's terms, split so that a call tries only the few that could match: anchored terms by the
    # first (up to three) letters of their first word; terms in scripts written without spaces, and
    # terms matching any prefix (``*word``, Arabic clitics), apart, tried only when the label has such
    # characters.
    shards: Mapping[str, Lexicon]
    key_lengths: tuple[int, ...]
    unspaced: Lexicon | None
    prefixed: Lexicon | None
    prefixed_always: bool
    by_term: Mapping[str, tuple[int, ...]]
    needs: tuple[Lexicon | None, ...]
    unless: tuple[Lexicon | None, ...]
    refine: tuple[tuple[tuple[str, Lexicon], ...], ...]


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_KEY = 3


def _key(term: str) -> str:
    first = normalise(term.split()[0].strip("*")).split(" ")[0]
    return first[:_KEY]


def _lex(terms: tuple[str, ...]) -> Lexicon:
    # Built directly, not through text.lexicon(): these hundreds of small word lists are held by
    # _compiled() for the life of the process and would only crowd the shared cache.
    return Lexicon(terms)


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    by_term: dict[str, list[int]] = {}
    for i, rule in enumerate(_RULES):
        for term in rule.terms:
            by_term.setdefault(term, []).append(i)
    shared: dict[tuple[str, ...], Lexicon] = {}
    for rule in _RULES:
        for terms in (rule.needs, *(t for _, t in rule.refine)):
            if terms and terms not in shared:
                shared[terms] = _lex(terms)
    shards: dict[str, list[str]] = {}
    unspaced: list[str] = []
    prefixed: list[str] = []
    for term in by_term:
        if _UNSPACED.search(term):
            unspaced.append(term)
        elif term.startswith("*"):
            prefixed.append(term)
        else:
            shards.setdefault(_key(term), []).append(term)
    return _Compiled(
        shards=MappingProxyType({k: _lex(tuple(v)) for k, v in shards.items()}),
        key_lengths=tuple(sorted({len(k) for k in shards})),
        unspaced=_lex(tuple(unspaced)) if unspaced else None,
        prefixed=_lex(tuple(prefixed)) if prefixed else None,
        prefixed_always=any(not _ARABIC.search(t) for t in prefixed),
        by_term=MappingProxyType({t: tuple(ix) for t, ix in by_term.items()}),
        needs=tuple(shared[r.needs] if r.needs else None for r in _RULES),
        unless=tuple(_lex(r.unless) if r.unless else None for r in _RULES),
        refine=tuple(tuple((code, shared[terms]) for code, terms in r.refine) for r in _RULES),
    )


def _label_hits(c: _Compiled, label: str) -> list[Hit]:
    norm = normalise(label)
    hits: list[Hit] = []
    keys = {w[:n] for w in norm.split(" ") if w and w != "." for n in c.key_lengths}
    for key in keys:
        shard = c.shards.get(key)
        if shard is not None:
            hits.extend(shard.search(label, skip_negated=True))
    if c.unspaced is not None and _UNSPACED.search(norm):
        hits.extend(c.unspaced.search(label, skip_negated=True))
    if c.prefixed is not None and (c.prefixed_always or _ARABIC.search(norm)):
        hits.extend(c.prefixed.search(label, skip_negated=True))
    return hits


# "No. 12" (law number 12) is not the negation "no": it would hide the words after it.
_NUMBER_SIGN = re.compile(r"\bno\.?\s*(?=\d)", re.IGNORECASE)


def _clean(text: str) -> str:
    return _NUMBER_SIGN.sub("number ", text) if text else ""


def _first(lex: Lexicon | None, text: str) -> Hit | None:
    return lex.first(text, skip_negated=True) if lex is not None and text else None


def classify_offence(label: str, law: str = "", facts: str = "") -> IccsMatch | None:
    """The most specific ICCS category that the offence label positively names, or None.

    * The **label** decides. A rule fires only on words of the label that name an offence ("drug
      trafficking", "escroquerie", "убийство", "洗钱", "غسل الأموال"); a label that names none
      ("Violation of article 999 of the special code", "Offence under the law") gives None. Negated
      words ("not armed", "sans violence", "no drug trafficking") are skipped.
    * The **law** title may complete a label that names an act but not its object: "Illicit
      trafficking" under the "Law on Narcotic Drugs" is drug trafficking (060121), "Illegal possession"
      under the "Firearms Act" firearms possession (090111). It never stands in for the label.
    * The **facts** only refine within the division the label names: drug possession "for his own
      use" is 060111, "with intent to sell" 060121, and otherwise 0601; sexual exploitation of "a
      15-year-old" is of a child (03022). Fraud stays fraud (0701) whatever the facts say.
    * Composite names are read before their parts: "attempted murder" is 0102, "murder threats" a
      serious threat (020121), "electoral fraud" 08079, "money laundering" 07041, "corruption of
      minors" 030229, "sexual exploitation of children" 03022.

    A label naming several offences gets the first in the precedence order (homicide first; labels
    that only name a group, a plan or a motive, such as organised crime, conspiracy or terrorism,
    late). The result says which words placed it and, where the placement is a reading of the ICCS
    rather than one of its listed inclusions, says so.
    """
    if not label or not label.strip():
        return None
    label, law, facts = _clean(label), _clean(law), _clean(facts)
    c = _compiled()
    hits = _label_hits(c, label)
    if not hits:
        return None
    first_hit: dict[int, Hit] = {}
    for hit in hits:
        for index in c.by_term[hit.term]:
            first_hit.setdefault(index, hit)
    candidates = sorted(first_hit)
    # First the label alone; then the rules whose object the law's title supplies.
    for from_law in (False, True):
        for index in candidates:
            if _first(c.unless[index], label) is not None:
                continue
            needs = c.needs[index]
            need_hit: Hit | None = None
            if needs is not None:
                need_hit = _first(needs, law if from_law else label)
                if need_hit is None:
                    continue
            elif from_law:
                continue
            return _match(index, first_hit[index], need_hit, from_law, label, facts)
    return None


def _match(index: int, hit: Hit, need_hit: Hit | None, from_law: bool, label: str, facts: str) -> IccsMatch:
    rule = _RULES[index]
    matched = [hit.matched]
    reason = f"the label names '{hit.matched}'"
    if need_hit is not None and need_hit.matched != hit.matched:
        matched.append(need_hit.matched)
        reason += f" and {'the title of the law' if from_law else 'the label'} names '{need_hit.matched}'"
    reasons = [reason]
    code = rule.code
    for refined, lex in _compiled().refine[index]:
        in_label = _first(lex, label)
        found = in_label or _first(lex, facts)
        if found is not None:
            matched.append(found.matched)
            reasons.append(f"{'the label' if in_label else 'the facts'} refine it ('{found.matched}')")
            code = refined
            break
    cat = CATEGORIES[code]
    reasons.append(f"ICCS {cat.code} {cat.name}")
    if rule.note:
        reasons.append(rule.note)
    return IccsMatch(cat, tuple(dict.fromkeys(matched)), "; ".join(reasons))


__all__ = [
    "CATEGORIES",
    "SECTIONS",
    "IccsCategory",
    "IccsMatch",
    "category",
    "children",
    "classify_offence",
    "lineage",
    "path",
    "section",
    "table_markdown",
]
