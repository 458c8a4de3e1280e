"""Demo data: partner organisations, partnerships with their component history, and partners
seeking a Swedish partner — realistic enough to click through, and the same for the same seed.

`seed_demo()` runs one `DemoBuilder` step per kind of row. Every step draws from its own
random stream (derived from the seed and the step's name), so a step added later — the
applications app's applications and participants, say — leaves the earlier data unchanged.
Everything is written with bulk inserts: the number of queries grows with the number of
batches, never with the number of rows.
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from django.db import transaction

from .data_version import bump_data_version
from .models import (
    Component,
    ComponentHistory,
    Country,
    CountryStatus,
    PartnerOrganisation,
    PartnerOrganisationType,
    PartnerSeeking,
    Partnership,
    PartnershipStatus,
    SubjectCategory,
    SwedishOrganisation,
    SwedishOrganisationType,
)
from .reference_data import load_reference_data
from .search import fill_search_fields, refresh_search_text

FIRST_DEMO_YEAR = 2000
# The demo's "now": a constant rather than today's year, so that a seed gives the same data
# next year too.
DEMO_YEAR = 2026
# DOMAIN: former countries exist only in history; continuing countries take no new
# partnerships (that rule came in about 2019); new partnerships go to the cluster countries.
FORMER_LAST_START, FORMER_LAST_YEAR = 2012, 2015
CONTINUING_LAST_START = 2018

BATCH_SIZE = 2000
# Partner organisations are reused over time, as in the real programme; when a country needs
# more organisations than its cities give, districts of its municipalities are added.
PARTNERSHIPS_PER_PARTNER_ORGANISATION = 3
PARTNERSHIPS_PER_PARTNER_SEEKING = 20

Progress = Callable[[int], None]


class DemoDataExists(Exception):
    """The database already has partnerships; seeding again would duplicate the demo."""

    def __init__(self, partnerships: int) -> None:
        super().__init__(f"the database already has {partnerships} partnerships")
        self.partnerships = partnerships


# --- Local names ----------------------------------------------------------------------------

# How local governments are called, per country: patterns over a city's and its region's
# name, and the word for a district (for when more organisations are needed than the cities
# give).
# country | municipality | region | district
_NAMING = """
BA|Grad {city}||Mjesna zajednica
XK|Municipality of {city}||Local Community
RS|Grad {city}||Mesna zajednica
UA|{city} City Council|{region} Oblast Council|District
KE|{city} Municipality|{region} County Government|Ward
TZ|{city} Municipal Council||Ward
UG|{city} City Council|{region} District Local Government|Division
CO|Alcaldía de {city}|Gobernación de {region}|Comuna
GT|Municipalidad de {city}|Mancomunidad de {region}|Zona
BW|{city} Town Council|{region} District Council|Ward
ZA|{city} Local Municipality|{region} District Municipality|Ward
ZM|{city} Municipal Council||Ward
ZW|{city} Municipality||Ward
GE|{city} Municipality||Administrative Unit
MK|Municipality of {city}||Urban Community
MD|Primăria {city}|Consiliul Raional {region}|Sectorul
ID|Pemerintah Kota {city}|Pemerintah Provinsi {region}|Kecamatan
CN|{city} Municipal People's Government|{region} Provincial People's Government|District
VN|{city} People's Committee||Ward
MZ|Conselho Municipal de {city}||Distrito Municipal
NA|{city} Municipality|{region} Regional Council|Ward
TR|{city} Büyükşehir Belediyesi||Mahalle
BY|{city} City Executive Committee|{region} Regional Executive Committee|District
IN|{city} Municipal Corporation||Ward
"""
# The national association of local authorities, or a national body that brokers city
# partnerships.
ASSOCIATIONS: dict[str, str] = {
    "BA": "Savez općina i gradova Federacije Bosne i Hercegovine",
    "XK": "Association of Kosovo Municipalities",
    "RS": "Stalna konferencija gradova i opština",
    "UA": "Association of Ukrainian Cities",
    "KE": "Council of Governors",
    "TZ": "Association of Local Authorities of Tanzania",
    "UG": "Uganda Local Governments Association",
    "CO": "Federación Colombiana de Municipios",
    "GT": "Asociación Nacional de Municipalidades",
    "BW": "Botswana Association of Local Authorities",
    "ZA": "South African Local Government Association",
    "ZM": "Local Government Association of Zambia",
    "ZW": "Urban Councils Association of Zimbabwe",
    "GE": "National Association of Local Authorities of Georgia",
    "MK": "Association of the Units of Local Self-Government",
    "MD": "Congresul Autorităților Locale din Moldova",
    "ID": "Asosiasi Pemerintah Kota Seluruh Indonesia",
    "CN": "Chinese People's Association for Friendship with Foreign Countries",
    "VN": "Association of Cities of Vietnam",
    "MZ": "Associação Nacional dos Municípios de Moçambique",
    "NA": "Association of Local Authorities in Namibia",
    "TR": "Türkiye Belediyeler Birliği",
    "IN": "All India Institute of Local Self-Government",
}
# Those bodies are not associations of local authorities.
NOT_ASSOCIATIONS = {"CN", "IN"}

# country | city | latitude | longitude | region (for the region pattern) | own name, where the
# country's pattern does not fit; "-" when only the region has its seat there.
_CITIES = """
BA|Sarajevo|43.856|18.413||
BA|Banja Luka|44.772|17.191||
BA|Tuzla|44.538|18.676||
BA|Zenica|44.203|17.908||
BA|Mostar|43.343|17.808||
BA|Bihać|44.817|15.870||
BA|Bijeljina|44.757|19.216||
BA|Prijedor|44.980|16.713||
BA|Trebinje|42.711|18.344||
BA|Gračanica|44.703|18.308||Općina Gračanica
XK|Prishtina|42.663|21.166||
XK|Prizren|42.213|20.739||
XK|Peja|42.659|20.289||
XK|Gjakova|42.380|20.431||
XK|Mitrovica|42.891|20.866||
XK|Ferizaj|42.370|21.155||
XK|Gjilan|42.464|21.469||
XK|Vushtrria|42.823|20.968||
RS|Beograd|44.787|20.457||
RS|Novi Sad|45.267|19.833||
RS|Niš|43.320|21.896||
RS|Kragujevac|44.012|20.911||
RS|Subotica|46.100|19.667||
RS|Čačak|43.891|20.350||
RS|Kraljevo|43.725|20.687||
RS|Novi Pazar|43.137|20.512||
RS|Užice|43.856|19.848||
RS|Bečej|45.616|20.034||Opština Bečej
UA|Lviv|49.839|24.029|Lviv|
UA|Kyiv|50.450|30.523|Kyiv|
UA|Kharkiv|49.994|36.230|Kharkiv|
UA|Odesa|46.482|30.723|Odesa|
UA|Vinnytsia|49.233|28.468|Vinnytsia|
UA|Zhytomyr|50.254|28.658|Zhytomyr|
UA|Chernihiv|51.498|31.289|Chernihiv|
UA|Poltava|49.588|34.551|Poltava|
UA|Ivano-Frankivsk|48.922|24.711|Ivano-Frankivsk|
UA|Lutsk|50.747|25.325|Volyn|
UA|Uzhhorod|48.620|22.288|Zakarpattia|
UA|Mykolaiv|46.975|31.994|Mykolaiv|
KE|Kisumu|-0.092|34.768|Kisumu|Kisumu City Board
KE|Nakuru|-0.303|36.080|Nakuru|Nakuru City Board
KE|Eldoret|0.514|35.270|Uasin Gishu|
KE|Mombasa|-4.043|39.668|Mombasa|
KE|Machakos|-1.517|37.263|Machakos|
KE|Kakamega|0.282|34.752|Kakamega|
KE|Nyeri|-0.420|36.947|Nyeri|
KE|Kisii|-0.681|34.767|Kisii|
KE|Kitui|-1.367|38.011|Kitui|
KE|Homa Bay|-0.527|34.457|Homa Bay|
KE|Kericho|-0.368|35.283|Kericho|
KE|Naivasha|-0.717|36.433|Nakuru|
TZ|Moshi|-3.350|37.340||
TZ|Arusha|-3.387|36.683||Arusha City Council
TZ|Dodoma|-6.163|35.752||Dodoma City Council
TZ|Mwanza|-2.516|32.917||Mwanza City Council
TZ|Tanga|-5.069|39.099||Tanga City Council
TZ|Morogoro|-6.821|37.661||
TZ|Iringa|-7.770|35.693||
TZ|Mbeya|-8.900|33.460||Mbeya City Council
TZ|Musoma|-1.500|33.800||
TZ|Bukoba|-1.331|31.812||
TZ|Kigoma|-4.877|29.627||Kigoma-Ujiji Municipal Council
TZ|Korogwe|-5.155|38.459||Korogwe Town Council
UG|Jinja|0.424|33.204|Jinja|
UG|Gulu|2.774|32.299|Gulu|
UG|Mbale|1.080|34.175|Mbale|
UG|Masaka|-0.333|31.734|Masaka|
UG|Mbarara|-0.607|30.654|Mbarara|
UG|Lira|2.249|32.900|Lira|
UG|Arua|3.020|30.911|Arua|
UG|Fort Portal|0.661|30.275|Kabarole|
UG|Entebbe|0.051|32.463|Wakiso|Entebbe Municipal Council
UG|Tororo|0.693|34.181|Tororo|Tororo Municipal Council
UG|Kabale|-1.249|29.990|Kabale|Kabale Municipal Council
CO|Medellín|6.244|-75.581|Antioquia|
CO|Bogotá|4.711|-74.072|Cundinamarca|Alcaldía Mayor de Bogotá
CO|Cali|3.452|-76.532|Valle del Cauca|
CO|Barranquilla|10.964|-74.796|Atlántico|
CO|Cartagena de Indias|10.391|-75.479|Bolívar|
CO|Bucaramanga|7.119|-73.123|Santander|
CO|Pereira|4.814|-75.694|Risaralda|
CO|Manizales|5.070|-75.514|Caldas|
CO|Pasto|1.214|-77.281|Nariño|
CO|Popayán|2.444|-76.614|Cauca|
CO|Santa Marta|11.241|-74.199|Magdalena|
CO|Quibdó|5.694|-76.661|Chocó|
GT|Ciudad de Guatemala|14.634|-90.507||Municipalidad de Guatemala
GT|Quetzaltenango|14.834|-91.518|Los Altos|
GT|Antigua Guatemala|14.557|-90.733||
GT|Cobán|15.470|-90.371||
GT|Escuintla|14.305|-90.785||
GT|Huehuetenango|15.320|-91.471|la Sierra de los Cuchumatanes|
GT|Chimaltenango|14.661|-90.819||
GT|Totonicapán|14.911|-91.361||
GT|Sololá|14.773|-91.183|la Cuenca del Lago de Atitlán|
GT|Mixco|14.631|-90.607||
GT|Villa Nueva|14.525|-90.587||
GT|Zacapa|14.972|-89.530|Nororiente|
BW|Gaborone|-24.628|25.923|South East|Gaborone City Council
BW|Francistown|-21.170|27.508|North East|Francistown City Council
BW|Lobatse|-25.224|25.683||
BW|Selebi-Phikwe|-21.979|27.840||
BW|Jwaneng|-24.602|24.728||
BW|Sowa|-20.563|26.224||
BW|Serowe|-22.387|26.710|Central|-
BW|Maun|-19.983|23.417|North-West|-
BW|Molepolole|-24.406|25.495|Kweneng|-
BW|Kanye|-24.966|25.334|Southern|-
BW|Kasane|-17.798|25.152|Chobe|-
BW|Mochudi|-24.377|26.152|Kgatleng|-
ZA|Johannesburg|-26.204|28.047||City of Johannesburg Metropolitan Municipality
ZA|Cape Town|-33.925|18.424||City of Cape Town
ZA|Durban|-29.858|31.021||eThekwini Metropolitan Municipality
ZA|East London|-33.015|27.912||Buffalo City Metropolitan Municipality
ZA|Gqeberha|-33.961|25.602||Nelson Mandela Bay Metropolitan Municipality
ZA|Pretoria|-25.747|28.229||City of Tshwane Metropolitan Municipality
ZA|Bloemfontein|-29.085|26.159||Mangaung Metropolitan Municipality
ZA|Pietermaritzburg|-29.617|30.393|uMgungundlovu|Msunduzi Local Municipality
ZA|Polokwane|-23.904|29.469|Capricorn|
ZA|Mbombela|-25.475|30.970|Ehlanzeni|City of Mbombela Local Municipality
ZA|Kimberley|-28.728|24.762|Frances Baard|Sol Plaatje Local Municipality
ZA|Rustenburg|-25.667|27.242|Bojanala Platinum|
ZA|Vanderbijlpark|-26.712|27.838|Sedibeng|Emfuleni Local Municipality
ZA|Stellenbosch|-33.932|18.861|Cape Winelands|Stellenbosch Municipality
ZM|Lusaka|-15.387|28.322||Lusaka City Council
ZM|Kitwe|-12.802|28.213||Kitwe City Council
ZM|Ndola|-12.968|28.633||Ndola City Council
ZM|Livingstone|-17.842|25.854||Livingstone City Council
ZM|Chipata|-13.633|32.650||Chipata City Council
ZM|Kabwe|-14.447|28.447||
ZM|Kasama|-10.212|31.181||
ZM|Solwezi|-12.173|26.390||
ZM|Mansa|-11.200|28.894||
ZM|Choma|-16.809|26.987||
ZM|Mongu|-15.254|23.125||
ZM|Chingola|-12.529|27.884||
ZW|Harare|-17.829|31.053||City of Harare
ZW|Bulawayo|-20.150|28.583||City of Bulawayo
ZW|Mutare|-18.971|32.670||Mutare City Council
ZW|Gweru|-19.450|29.817||Gweru City Council
ZW|Masvingo|-20.074|30.833||Masvingo City Council
ZW|Kwekwe|-18.928|29.815||Kwekwe City Council
ZW|Chinhoyi|-17.362|30.200||
ZW|Marondera|-18.186|31.551||
ZW|Bindura|-17.302|31.331||
ZW|Victoria Falls|-17.932|25.830||
ZW|Chitungwiza|-18.013|31.076||
GE|Tbilisi|41.716|44.783||Tbilisi City Hall
GE|Kutaisi|42.270|42.700||Kutaisi City Hall
GE|Batumi|41.642|41.634||Batumi City Hall
GE|Rustavi|41.549|44.993||Rustavi City Hall
GE|Zugdidi|42.508|41.871||
GE|Gori|41.984|44.116||
GE|Telavi|41.920|45.473||
GE|Akhaltsikhe|41.639|42.982||
MK|Skopje|41.998|21.425||City of Skopje
MK|Bitola|41.031|21.335||
MK|Kumanovo|42.132|21.714||
MK|Prilep|41.346|21.555||
MK|Tetovo|42.011|20.971||
MK|Veles|41.716|21.776||
MK|Štip|41.746|22.196||
MK|Ohrid|41.117|20.802||
MK|Strumica|41.438|22.643||
MD|Chișinău|47.011|28.863||Primăria Municipiului Chișinău
MD|Bălți|47.762|27.929||Primăria Municipiului Bălți
MD|Cahul|45.904|28.194|Cahul|
MD|Ungheni|47.211|27.801|Ungheni|
MD|Soroca|48.156|28.285|Soroca|
MD|Orhei|47.384|28.824|Orhei|
MD|Comrat|46.296|28.656||
MD|Edineț|48.168|27.305|Edineț|
MD|Hîncești|46.830|28.591|Hîncești|
ID|Yogyakarta|-7.797|110.370|Daerah Istimewa Yogyakarta|
ID|Surabaya|-7.257|112.752|Jawa Timur|
ID|Bandung|-6.917|107.619|Jawa Barat|
ID|Semarang|-6.967|110.417|Jawa Tengah|
ID|Makassar|-5.148|119.432|Sulawesi Selatan|
ID|Medan|3.595|98.672|Sumatera Utara|
ID|Surakarta|-7.576|110.824|Jawa Tengah|
ID|Malang|-7.967|112.633|Jawa Timur|
ID|Denpasar|-8.650|115.217|Bali|
ID|Banda Aceh|5.548|95.324|Aceh|
CN|Nanjing|32.060|118.797|Jiangsu|
CN|Suzhou|31.299|120.585|Jiangsu|
CN|Hangzhou|30.274|120.155|Zhejiang|
CN|Wuhan|30.593|114.305|Hubei|
CN|Chengdu|30.573|104.066|Sichuan|
CN|Xi'an|34.342|108.940|Shaanxi|
CN|Kunming|25.038|102.718|Yunnan|
CN|Dalian|38.914|121.615|Liaoning|
CN|Qingdao|36.067|120.383|Shandong|
CN|Guiyang|26.647|106.630|Guizhou|
VN|Hanoi|21.028|105.834||
VN|Ho Chi Minh City|10.823|106.630||
VN|Da Nang|16.054|108.202||
VN|Hue|16.464|107.590||
VN|Hai Phong|20.845|106.688||
VN|Can Tho|10.045|105.747||
VN|Vinh|18.679|105.681||
VN|Da Lat|11.940|108.458||
VN|Thai Nguyen|21.594|105.848||
MZ|Maputo|-25.969|32.573||Conselho Municipal da Cidade de Maputo
MZ|Matola|-25.962|32.459||
MZ|Beira|-19.843|34.839||Conselho Municipal da Beira
MZ|Nampula|-15.117|39.267||
MZ|Quelimane|-17.878|36.888||
MZ|Chimoio|-19.116|33.483||
MZ|Tete|-16.156|33.587||
MZ|Xai-Xai|-25.052|33.644||
MZ|Inhambane|-23.865|35.383||
MZ|Pemba|-12.974|40.518||
NA|Windhoek|-22.560|17.083|Khomas|City of Windhoek
NA|Walvis Bay|-22.957|14.505|Erongo|
NA|Swakopmund|-22.678|14.527|Erongo|
NA|Oshakati|-17.788|15.704|Oshana|Oshakati Town Council
NA|Ongwediva|-17.783|15.767|Oshana|Ongwediva Town Council
NA|Rundu|-17.918|19.773|Kavango East|Rundu Town Council
NA|Katima Mulilo|-17.500|24.267|Zambezi|Katima Mulilo Town Council
NA|Keetmanshoop|-26.583|18.133|ǁKaras|
NA|Otjiwarongo|-20.464|16.648|Otjozondjupa|
NA|Tsumeb|-19.242|17.716|Oshikoto|
TR|İzmir|38.423|27.143||
TR|Bursa|40.195|29.060||
TR|Gaziantep|37.066|37.383||
TR|Eskişehir|39.776|30.520||
TR|Antalya|36.897|30.713||
TR|Diyarbakır|37.914|40.230||
TR|Kayseri|38.734|35.467||
TR|Mersin|36.812|34.641||
TR|Çanakkale|40.155|26.414||Çanakkale Belediyesi
TR|Edirne|41.677|26.556||Edirne Belediyesi
TR|Nilüfer|40.213|28.984||Nilüfer Belediyesi
BY|Minsk|53.904|27.561|Minsk|
BY|Grodno|53.678|23.830|Grodno|
BY|Brest|52.098|23.734|Brest|
BY|Vitebsk|55.184|30.202|Vitebsk|
BY|Gomel|52.442|30.988|Gomel|
BY|Mogilev|53.894|30.331|Mogilev|
BY|Polotsk|55.486|28.768||
BY|Pinsk|52.115|26.103||
IN|Pune|18.520|73.857||
IN|Bengaluru|12.972|77.595||Bruhat Bengaluru Mahanagara Palike
IN|Chennai|13.083|80.271||Greater Chennai Corporation
IN|Ahmedabad|23.023|72.571||
IN|Kolkata|22.573|88.364||
IN|Surat|21.170|72.831||
IN|Jaipur|26.912|75.787||
IN|Shimla|31.105|77.173||
IN|Bhubaneswar|20.296|85.825||
IN|Mysuru|12.296|76.639||Mysuru City Corporation
"""


@dataclass(frozen=True)
class CountryNaming:
    municipality: str
    region: str
    district: str


@dataclass(frozen=True)
class City:
    name: str
    latitude: float
    longitude: float
    region: str
    own_name: str  # "" for the country's pattern, "-" for no municipality here


def _table(text: str) -> Iterator[list[str]]:
    for line in text.strip().splitlines():
        yield line.split("|")


def _cities() -> dict[str, list[City]]:
    cities = defaultdict(list)
    for code, name, latitude, longitude, region, own_name in _table(_CITIES):
        cities[code].append(City(name, float(latitude), float(longitude), region, own_name))
    return dict(cities)


NAMING = {code: CountryNaming(*patterns) for code, *patterns in _table(_NAMING)}
CITIES = _cities()


@dataclass(frozen=True)
class OrganisationSpec:
    """A partner organisation before it is a row."""

    country: str
    name: str
    type: str
    city: City


def base_organisations(code: str) -> list[OrganisationSpec]:
    """The country's municipalities, regions and association, in table order."""
    naming, specs, seen = NAMING[code], [], set()

    def add(name: str, kind: str, city: City) -> None:
        if name not in seen:
            seen.add(name)
            specs.append(OrganisationSpec(code, name, kind, city))

    for city in CITIES[code]:
        if city.own_name != "-":
            pattern = city.own_name or naming.municipality
            add(pattern.format(city=city.name), PartnerOrganisationType.MUNICIPALITY, city)
        if naming.region and city.region:
            add(naming.region.format(region=city.region), PartnerOrganisationType.REGION, city)
    if code in ASSOCIATIONS:
        # An association sits in the capital, which the table lists first.
        kind = (
            PartnerOrganisationType.OTHER
            if code in NOT_ASSOCIATIONS
            else PartnerOrganisationType.ASSOCIATION
        )
        add(ASSOCIATIONS[code], kind, CITIES[code][0])
    return specs


def organisation_pool(code: str, size: int) -> list[OrganisationSpec]:
    """At least `size` organisations of one country, all with different names: the base ones,
    then districts of its municipalities ("Kisumu City Board – Ward 2")."""
    pool = base_organisations(code)
    municipalities = [s for s in pool if s.type == PartnerOrganisationType.MUNICIPALITY]
    district, n = NAMING[code].district, 1
    while len(pool) < size and municipalities:
        pool += [
            OrganisationSpec(code, f"{s.name} – {district} {n}", s.type, s.city)
            for s in municipalities[: size - len(pool)]
        ]
        n += 1
    return pool


# --- Swedish texts --------------------------------------------------------------------------

# What a partnership in a subject category sets out to do ("... samarbetar för att ...").
GOALS: dict[str, str] = {
    "gender-equality": "öka andelen kvinnor i beslutande positioner",
    "climate-environment": "göra invånarna delaktiga i det lokala klimatarbetet",
    "youth-participation": "ge unga ett verkligt inflytande över lokala beslut",
    "citizen-dialogue": "utveckla metoder för medborgardialog i budgetarbetet",
    "education": "stärka skolans demokratiuppdrag och elevernas inflytande",
    "health-social-care": "göra omsorgen mer tillgänglig för marginaliserade grupper",
    "urban-planning": "involvera invånarna i planeringen av nya bostadsområden",
    "water-sanitation": "förbättra tillgången till rent vatten i informella bosättningar",
    "waste-management": "bygga upp en hållbar och öppen avfallshantering",
    "culture": "använda kulturen som väg till delaktighet för unga",
    "public-administration": "öka öppenheten och insynen i den kommunala förvaltningen",
    "human-rights": "stärka inkluderingen av personer med funktionsnedsättning",
    "local-economy": "skapa förutsättningar för lokalt företagande bland unga och kvinnor",
    "digitalisation": "utveckla e-tjänster som gör förvaltningen mer tillgänglig",
}
GENERIC_GOAL = "stärka den lokala demokratin och invånarnas inflytande"
METHODS = (
    "Arbetet sker genom kollegialt lärande och ömsesidiga studiebesök.",
    "Parterna arbetar med benchmarking, mentorskap och gemensamma workshops.",
    "Politiker från majoritet och opposition deltar i styrgruppen på båda sidor.",
    "Civilsamhällets organisationer är med i projektgruppen från början.",
    "Resultaten sprids till fler kommuner i regionen genom nätverksträffar.",
    "Projektet utgår från en gemensam kartläggning av målgruppens behov.",
)
# Contact persons of partners seeking a Swedish partner, by cluster: first names, last names.
PEOPLE: dict[str, tuple[str, str]] = {
    "europe": (
        "Olena Andriy Ivana Marko Amra Arben Vesna Nikola",
        "Kovalenko Petrović Hadžić Krasniqi Jovanović Shevchenko Berisha Popović",
    ),
    "east_africa": (
        "Grace Peter Amina John Mary Joseph Halima Daniel",
        "Otieno Mwangi Wanjiru Mushi Okello Nakato Kimaro Achieng",
    ),
    "latin_america": (
        "María Juan Ana Carlos Lucía Diego Rosa Andrés",
        "García Rodríguez Martínez López Hernández Gómez Pérez Ramírez",
    ),
    "southern_africa": (
        "Thabo Naledi Tendai Chipo Mpho Lerato Bwalya Kagiso",
        "Nkosi Dlamini Moyo Banda Phiri Mokoena Sibanda Molefe",
    ),
}


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def describe_partnership(
    rng: random.Random, swedish_name: str, partner_name: str, categories: Sequence[SubjectCategory]
) -> str:
    goal = GOALS.get(categories[0].slug, GENERIC_GOAL)
    return f"{swedish_name} och {partner_name} samarbetar för att {goal}. {rng.choice(METHODS)}"


def describe_seeking(rng: random.Random, name: str, categories: Sequence[SubjectCategory]) -> str:
    names = [c.name_sv.lower() for c in categories]
    themes = " och ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    goal = GOALS.get(categories[0].slug, GENERIC_GOAL)
    return (
        f"{name} söker en svensk kommun eller region att samarbeta med inom {themes}. "
        f"Vi vill {goal}. {rng.choice(METHODS)}"
    )


# --- Partnership plans (no database) --------------------------------------------------------

ComponentRow = tuple[str, int, int, bool]  # component, start year, end year, granted


@dataclass
class PartnershipPlan:
    country: Country
    start_year: int
    end_year: int | None
    status: str
    components: list[ComponentRow]
    partner: OrganisationSpec | None = None
    further_partner: OrganisationSpec | None = None
    partnership_id: int | None = None  # set once the row exists, for later steps


def may_start(status: str, year: int) -> bool:
    """Whether a country of this programme status took new partnerships in `year`."""
    if status == CountryStatus.FORMER:
        return year <= FORMER_LAST_START
    if status == CountryStatus.CONTINUING:
        return year <= CONTINUING_LAST_START
    return True


def plan_components(
    rng: random.Random, start: int, last: int, *, open_ended: bool
) -> list[ComponentRow]:
    """The component history from `start` until `last`.

    A Förberedelse of one year, then Projekt with its Styrgrupp for the same 1–3 years; between
    projects sometimes a Breddning within a year or a Spridning. A declined application is
    tried again the year after. Only an `open_ended` (active) partnership's last project may
    run past `last`.
    """
    rows = []
    year = start
    if year < last and rng.random() < 0.07:
        rows.append((Component.FORBEREDELSE, year, year, False))
        year += 1
    rows.append((Component.FORBEREDELSE, year, year, True))
    year += 1
    while year <= last:
        length = rng.choices((1, 2, 3), weights=(2, 3, 4))[0]
        if not open_ended:
            length = min(length, last - year + 1)
        granted = rng.random() > 0.12
        end = year + length - 1
        rows += [
            (Component.PROJEKT, year, end, granted),
            (Component.STYRGRUPP, year, end, granted),
        ]
        year = end + 1 if granted else year + 1
        if not granted or year > last:
            continue
        between = rng.random()
        if between < 0.2:
            rows.append((Component.BREDDNING, year, year, rng.random() > 0.1))
            year += 1
        elif between < 0.3 and year >= 2017:  # Spridning came with the components of ~2017
            spread_end = min(year + rng.randint(0, 1), last)
            rows.append((Component.SPRIDNING, year, spread_end, rng.random() > 0.2))
            year = spread_end + 1
    return rows


# How many years a partnership runs: most a few years, some a decade or more.
DURATIONS = (1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15)
DURATION_WEIGHTS = (2, 3, 4, 4, 3, 3, 2, 2, 1.5, 1, 0.5)


def plan_partnerships(
    rng: random.Random, countries: Sequence[Country], count: int
) -> list[PartnershipPlan]:
    """`count` partnerships, oldest first, each in a country that took new partnerships in its
    start year."""
    years = range(FIRST_DEMO_YEAR, DEMO_YEAR + 1)
    eligible = {y: [c for c in countries if may_start(c.status, y)] for y in years}
    # The programme grew: later years start more partnerships. A year without an eligible
    # country (staff may have changed every status) starts none.
    year_weights = [(1 + (y - FIRST_DEMO_YEAR) / 8) * bool(eligible[y]) for y in years]
    if count and not any(year_weights):
        raise ValueError("no country of the programme can take a partnership")
    plans = []
    for start in sorted(rng.choices(years, weights=year_weights, k=count)):
        country = rng.choice(eligible[start])
        last = start + rng.choices(DURATIONS, weights=DURATION_WEIGHTS)[0] - 1
        if country.status == CountryStatus.FORMER:
            last = min(last, FORMER_LAST_YEAR)
        if last >= DEMO_YEAR:
            components = plan_components(rng, start, DEMO_YEAR, open_ended=True)
            # Some active partnerships already know when their current project ends.
            planned_end = max(DEMO_YEAR, *(end for _, _, end, _ in components))
            end_year = planned_end if rng.random() < 0.3 else None
            status = PartnershipStatus.ACTIVE
        else:
            components = plan_components(rng, start, last, open_ended=False)
            end_year = max(end for _, _, end, _ in components)
            status = PartnershipStatus.ENDED
        plans.append(PartnershipPlan(country, start, end_year, status, components))
    return plans


def choose_partners(rng: random.Random, plans: Sequence[PartnershipPlan]) -> None:
    """Give each plan its partner organisation, and a few a further one in the same country."""
    per_country = Counter(p.country.code for p in plans)
    pools = {
        code: organisation_pool(code, math.ceil(n / PARTNERSHIPS_PER_PARTNER_ORGANISATION))
        for code, n in sorted(per_country.items())
    }
    for plan in plans:
        pool = pools[plan.country.code]
        plan.partner = rng.choice(pool)
        if rng.random() < 0.03 and len(pool) > 1:
            plan.further_partner = rng.choice([s for s in pool if s is not plan.partner])


# --- Writing rows ---------------------------------------------------------------------------


def _batches(items: list, size: int = BATCH_SIZE) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass
class DemoBuilder:
    """Writes the demo, one method per kind of row; each returns how many rows it added.

    Later steps read what earlier ones left: `plans` (with their partnership ids) and
    `partner_organisations`.
    """

    seed: int
    countries: list[Country] = field(init=False)
    categories: list[SubjectCategory] = field(init=False)
    swedish_organisations: list[SwedishOrganisation] = field(init=False)
    plans: list[PartnershipPlan] = field(default_factory=list, init=False)
    # (country code, name) -> the partner organisation, with its country
    partner_organisations: dict[tuple[str, str], PartnerOrganisation] = field(
        default_factory=dict, init=False
    )
    swedish_by_county: dict[int, list[SwedishOrganisation]] = field(init=False)

    def __post_init__(self) -> None:
        load_reference_data()
        # Fixed orderings, so that the same seed draws the same rows whatever the ids are.
        # Countries without local names here (added by staff) are left out.
        self.countries = [c for c in Country.objects.order_by("code") if c.code in NAMING]
        self.categories = list(SubjectCategory.objects.order_by("slug"))
        self.swedish_organisations = list(
            SwedishOrganisation.objects.filter(
                type__in=[SwedishOrganisationType.MUNICIPALITY, SwedishOrganisationType.REGION]
            ).order_by("type", "code")
        )
        self.swedish_by_county = defaultdict(list)
        for organisation in self.swedish_organisations:
            self.swedish_by_county[organisation.county_id].append(organisation)

    def rng(self, step: str) -> random.Random:
        # One stream per step: a step added later draws from its own and changes nothing here.
        return random.Random(f"{self.seed}/{step}")  # noqa: S311 - demo data, not secrets

    def partner_organisation_rows(self, partnerships: int) -> dict[str, int]:
        """Plan the partnerships and create the organisations abroad they need; an
        organisation that exists by name (from an earlier run) is reused."""
        rng = self.rng("partnerships")
        self.plans = plan_partnerships(rng, self.countries, partnerships)
        choose_partners(rng, self.plans)
        countries = {c.code: c for c in self.countries}
        self.partner_organisations = {
            (o.country.code, o.name): o
            for o in PartnerOrganisation.objects.select_related("country")
        }
        new = {}
        for plan in self.plans:
            for spec in (plan.partner, plan.further_partner):
                key = (spec.country, spec.name) if spec else None
                if key and key not in self.partner_organisations and key not in new:
                    # A few kilometres off the centre, so that one city's markers do not stack.
                    new[key] = PartnerOrganisation(
                        name=spec.name,
                        country=countries[spec.country],
                        type=spec.type,
                        city=spec.city.name,
                        latitude=round(spec.city.latitude + rng.uniform(-0.04, 0.04), 5),
                        longitude=round(spec.city.longitude + rng.uniform(-0.04, 0.04), 5),
                    )
        PartnerOrganisation.objects.bulk_create(new.values(), batch_size=BATCH_SIZE)
        self.partner_organisations |= new
        return {"partner_organisations": len(new)}

    def partnership_rows(self, progress: Progress | None = None) -> dict[str, int]:
        """The planned partnerships with their categories, further parties and components."""
        rng = self.rng("partnership-details")
        choose_swedish = self._swedish_chooser(rng)
        through_categories = Partnership.categories.through
        through_swedish = Partnership.additional_swedish_organisations.through
        through_partners = Partnership.additional_partner_organisations.through
        added = dict.fromkeys(
            ("partnerships", "partnership_categories", "further_parties", "components"), 0
        )
        for batch in _batches(self.plans):
            partnerships, categories = [], []
            for plan in batch:
                organisation = choose_swedish(plan.partner)
                chosen = rng.sample(self.categories, rng.choices((1, 2, 3), (3, 4, 3))[0])
                # "Borgholm", but "Region Stockholm": a region's short name is its county's.
                swedish_name = (
                    organisation.short_name
                    if organisation.type == SwedishOrganisationType.MUNICIPALITY
                    else ""
                ) or organisation.name
                partnership = Partnership(
                    swedish_organisation=organisation,
                    partner_organisation=self.partner_organisation(plan.partner),
                    description=describe_partnership(rng, swedish_name, plan.partner.name, chosen),
                    start_year=plan.start_year,
                    end_year=plan.end_year,
                    status=plan.status,
                )
                # bulk_create skips save(), which fills the search text; the few partnerships
                # with further parties get theirs refreshed once those rows exist.
                fill_search_fields(partnership, with_additional=False)
                partnerships.append(partnership)
                categories.append(chosen)
            Partnership.objects.bulk_create(partnerships, batch_size=BATCH_SIZE)

            category_rows, swedish_rows, partner_rows, component_rows = [], [], [], []
            for plan, partnership, chosen in zip(batch, partnerships, categories, strict=True):
                plan.partnership_id = pk = partnership.pk
                category_rows += [
                    through_categories(partnership_id=pk, subjectcategory_id=c.pk) for c in chosen
                ]
                if plan.further_partner:
                    partner_rows.append(
                        through_partners(
                            partnership_id=pk,
                            partnerorganisation_id=self.partner_organisation(
                                plan.further_partner
                            ).pk,
                        )
                    )
                elif neighbour := self._neighbour(rng, partnership.swedish_organisation):
                    swedish_rows.append(
                        through_swedish(partnership_id=pk, swedishorganisation_id=neighbour.pk)
                    )
                component_rows += [
                    ComponentHistory(
                        partnership_id=pk,
                        component=component,
                        start_year=start,
                        end_year=end,
                        granted=granted,
                    )
                    for component, start, end, granted in plan.components
                ]
            through_categories.objects.bulk_create(category_rows, batch_size=BATCH_SIZE)
            through_swedish.objects.bulk_create(swedish_rows, batch_size=BATCH_SIZE)
            through_partners.objects.bulk_create(partner_rows, batch_size=BATCH_SIZE)
            ComponentHistory.objects.bulk_create(component_rows, batch_size=BATCH_SIZE)
            if further := [r.partnership_id for r in swedish_rows + partner_rows]:
                refresh_search_text(Partnership.objects.filter(pk__in=further))
            added["partnerships"] += len(partnerships)
            added["partnership_categories"] += len(category_rows)
            added["further_parties"] += len(swedish_rows) + len(partner_rows)
            added["components"] += len(component_rows)
            if progress:
                progress(len(batch))
        return added

    def partner_organisation(self, spec: OrganisationSpec) -> PartnerOrganisation:
        return self.partner_organisations[(spec.country, spec.name)]

    def _swedish_chooser(
        self, rng: random.Random
    ) -> Callable[[OrganisationSpec], SwedishOrganisation]:
        """Draws the Swedish party for a partner organisation.

        Some Swedish organisations are far more active than others, regions less than
        municipalities; and a partner organisation's next partnership is usually with the same
        Swedish organisation, as pairs go on working together for decades.
        """
        swedish = self.swedish_organisations
        cum_weights = list(
            accumulate(
                rng.lognormvariate(0, 1)
                * (1 if o.type == SwedishOrganisationType.MUNICIPALITY else 0.5)
                for o in swedish
            )
        )
        earlier: dict[OrganisationSpec, SwedishOrganisation] = {}

        def choose(partner: OrganisationSpec) -> SwedishOrganisation:
            if partner not in earlier or rng.random() < 0.3:
                earlier[partner] = rng.choices(swedish, cum_weights=cum_weights)[0]
            return earlier[partner]

        return choose

    def _neighbour(
        self, rng: random.Random, organisation: SwedishOrganisation
    ) -> SwedishOrganisation | None:
        """For a few partnerships, a further Swedish party: a neighbour in the same county,
        often its region."""
        if rng.random() >= 0.03:
            return None
        county = [o for o in self.swedish_by_county[organisation.county_id] if o != organisation]
        regions = [o for o in county if o.type == SwedishOrganisationType.REGION]
        if regions and rng.random() < 0.5:
            return regions[0]
        return rng.choice(county) if county else None

    def partner_seeking_rows(self, count: int) -> dict[str, int]:
        """Organisations in cluster countries that seek a Swedish partner; some not published."""
        rng = self.rng("partner-seekings")
        countries = [c for c in self.countries if c.status == CountryStatus.CLUSTER]
        seekings, themes = [], []
        for _ in range(count if countries else 0):
            country = rng.choice(countries)
            spec = rng.choice(base_organisations(country.code))
            first_names, last_names = PEOPLE.get(country.cluster, PEOPLE["europe"])
            first, last = rng.choice(first_names.split()), rng.choice(last_names.split())
            chosen = rng.sample(self.categories, rng.choices((1, 2, 3), (4, 4, 2))[0])
            seekings.append(
                PartnerSeeking(
                    organisation_name=spec.name,
                    organisation_type=spec.type,
                    country=country,
                    city=spec.city.name,
                    description=describe_seeking(rng, spec.name, chosen),
                    contact_name=f"{first} {last}",
                    contact_email=f"{ascii_slug(first)}.{ascii_slug(last)}@example.org",
                    published=rng.random() < 0.7,
                )
            )
            themes.append(chosen)
        PartnerSeeking.objects.bulk_create(seekings, batch_size=BATCH_SIZE)
        through = PartnerSeeking.themes.through
        theme_rows = [
            through(partnerseeking_id=seeking.pk, subjectcategory_id=category.pk)
            for seeking, chosen in zip(seekings, themes, strict=True)
            for category in chosen
        ]
        through.objects.bulk_create(theme_rows, batch_size=BATCH_SIZE)
        return {"partner_seekings": len(seekings), "partner_seeking_themes": len(theme_rows)}


@transaction.atomic
def seed_demo(
    *, partnerships: int, seed: int = 1, progress: Progress | None = None, append: bool = False
) -> dict[str, int]:
    """Write demo data with `partnerships` partnerships; return how many rows of each kind.

    Raises DemoDataExists when partnerships exist already, unless `append` is true: then the
    demo is added to them, reusing partner organisations of the same name. `progress` is
    called with 0 when the seeding starts, then with the number of partnerships written.
    """
    if not append and (existing := Partnership.objects.count()):
        raise DemoDataExists(existing)
    if progress:
        progress(0)
    # The public pages and the API cache by this version; bulk inserts send no signals.
    transaction.on_commit(bump_data_version)
    builder = DemoBuilder(seed=seed)
    added = builder.partner_organisation_rows(partnerships)
    added |= builder.partnership_rows(progress)
    added |= builder.partner_seeking_rows(
        math.ceil(partnerships / PARTNERSHIPS_PER_PARTNER_SEEKING)
    )
    return added
