"""Development examples for the acute-danger detector (bot/safety).

Written by hand as teachers type (typos, no capitals, long stories), apart from
the blind evaluation sets in tests/evaluation/ and from the NLU training data.
Each category of the issue has must-match examples; harmless mentions,
negations and meta questions are must-not-match.
"""
from __future__ import annotations


import pytest

from bot.safety import detect

MUST_MATCH = {
    "geweld": [
        "Hij zegt dat hij vanavond weer wordt geslagen",
        "ze wordt thuis door haar vader geslagen",
        "HIJ WORDT VANAVOND WEER GESLAGEN",
        "vader slaat haar als hij gedronken heeft",
        "mn leerling vertelde net dat haar stiefvader haar schopt",
        "hij krijgt thuis klappen met de riem als hij te laat is",
        "zijn moeder heeft hem gisteren in elkaar geslagen",
        "papa gaat me vanavond slaan zei ze huilend",
        "kind zegt dat papa hem vanavond weer pijn gaat doen",
        "ze is vanochtend tegen de muur gegooid door haar oom",
        "vader heeft gedreigd hem dood te slaan",
        "er was vannacht huiselijk geweld en ze moet vanmiddag weer naar huis",
        "zijn ouders vechten elkaar bijna dood en hij moet er straks weer heen",
        "er zit een verse brandwond op haar arm, vader heeft een sigaret op haar uitgedrukt",
        "Hij is bedreigd door zijn oom",
        "een meisje wordt thuis opgesloten zonder eten",
        "moeder heeft haar op straat gezet en ze weet niet waar ze vannacht moet slapen",
        "leerling is door haar broer gewurgd",
    ],
    "wapen": [
        "een leerling heeft een mes bij zich in zijn tas",
        "er staat een vader met een wapen bij het hek",
        "zijn broer heeft thuis een pistool en dreigt ermee",
        "een jongen zwaait op het plein met een zakmes",
        "er is een steekpartij geweest bij het gezin thuis",
    ],
    "seksueel_misbruik": [
        "De leerling is seksueel misbruikt",
        "ze vertelde me net dat haar oom aan haar kruis zit",
        "een meisje zegt dat ze door haar stiefvader is verkracht",
        "hij vertelt dat de buurman hem aanraakt op plekken waar dat niet mag",
        "leerlinge zegt dat haar vriend naaktfoto's van haar verspreidt",
        "ze zegt dat haar oom 's nachts bij haar in bed komt",
        "een kind vertelde over misbruik door een familielid",
    ],
    "ouder_bewusteloos": [
        "moeder is bewusteloos!",
        "een jongen belt dat zijn vader op de grond ligt en niet meer wakker wordt",
        "kind zegt dat mama al de hele dag op de bank ligt en niet wakker te krijgen is",
        "leerling vertelt dat papa pillen heeft geslikt en niet reageert",
        "zijn moeder ademt niet, zegt hij aan de telefoon",
        "haar vader is flauwgevallen thuis en ze is alleen met haar broertje",
    ],
    "niet_opgehaald": [
        "kleuter is om 5 uur nog steeds niet opgehaald en de ouders nemen niet op",
        "niemand komt dit meisje uit groep 1 ophalen, moeder is onbereikbaar",
        "een kind van groep 2 staat nog te wachten en we kunnen niemand bereiken",
        "het kind is niet opgehaald en de telefoon van vader staat uit",
        "vader komt de kleuter dronken ophalen met de auto",
        "een jongetje van 5 is al twee dagen alleen thuis, ouders zijn spoorloos",
    ],
    "ontvoering": [
        "een leerling is ontvoerd door haar vader",
        "er is een kind meegenomen door een onbekende man bij het hek",
        "vader heeft zijn dochter meegenomen terwijl er een contactverbod is",
        "leerling is sinds gisteravond vermist",
        "hij is weggelopen van huis en niemand weet waar hij is",
        "moeder dreigt het kind mee te nemen naar het buitenland",
    ],
    "buitenland_huwelijk": [
        "ik ben bang dat ze uitgehuwelijkt wordt",
        "een meisje van 13 moet in de zomer trouwen met een neef in marokko",
        "ze wordt na de vakantie naar het land van herkomst gestuurd en komt niet terug",
        "hij vertelde dat zijn ouders hem naar het buitenland sturen voor een heropvoeding",
        "er is sprake van huwelijksdwang bij een leerling",
        "ik vermoed achterlating, ze is na de zomer niet teruggekomen uit het buitenland",
        "zusje wordt deze zomer besneden, zegt ze",
    ],
    "zelfbeschadiging": [
        "ze heeft het over zelfmoord",
        "hij heeft zelfmoordgedachten",
        "een leerling heeft suicidale gedachten",
        "ze heeft het over suïcide",
        "Hij wil niet meer leven",
        "een meisje snijdt zichzelf in haar armen",
        "hij wil dood zegt hij",
        "ze heeft een afscheidsbriefje geschreven",
        "ze wil zichzelf iets aandoen",
        "een jongen zegt dat hij er vanavond een eind aan maakt",
        "ze spaart pillen op en zegt dat niemand haar zal missen",
        "hij wil van de brug springen",
    ],
    "bang_naar_huis": [
        "mijn leerling durft niet naar huis",
        "het meisje durft niet meer naar huis vandaag",
        "hij is bang om naar huis te gaan",
        "ze wil echt niet naar huis want dan krijgt ze straf",
        "ze voelt zich thuis niet veilig",
        "hij is bang dat zijn vader hem slaat als hij thuiskomt",
        "ze is bang voor vanavond als haar stiefvader thuiskomt",
    ],
    "gevaar": [
        "het kind is nu in gevaar",
        "ik denk dat er acuut gevaar is",
        "dit is een noodgeval, een leerling loopt gevaar",
        "het is acuut!",
    ],
    "eerdere_voorbeelden": [
        "Ik denk aan zelfmoord bij deze leerling",
        "De moeder dreigt met zelfmoord",
        "Zijn stiefvader dreigt hem te slaan",
        "Het kind is weggelopen van huis",
        "Ze voelt zich niet veilig thuis",
        "hij is bang naar huis",
        "Hij wil niet naar huis omdat hij bang is",
        "Een leerling heeft een mes bij zich",
        "Vader heeft gedreigd hem dood te slaan",
    ],
    "disclosure": [
        "kind vertelt dat ze thuis geslagen wordt maar ik mag het aan niemand vertellen",
        "een leerling vertrouwde me toe dat haar vader haar slaat, ze wil niet dat ik het doorvertel",
        "ze vertelde dat haar moeder haar vaak pijn doet",
    ],
    "andere_taal": [
        "A student told me her father hits her. What should I do?",
        "my pupil is afraid to go home",
        "a boy in my class has a knife",
        "her mom is unconscious and not waking up",
        "he talks about suicide",
        "she will be married off this summer",
        "Mein Schüler sagt, sein Vater schlägt ihn",
        "mon élève dit que son père la frappe",
        "babası onu dövüyor",
        "ojciec ją bije",
        "help, danger",
    ],
    "constructies_na_evaluatie": [
        "zijn oom gaf hem gisteren een flinke dreun",
        "ze heeft thuis de broekriem gekregen, zegt ze",
        "stiefvader smijt zijn zoontje tegen de muur als hij boos is",
        "een leerling bedreigt een ander met een kapot glas",
        "hij heeft haar bij de keel gegrepen in de gang",
        "ze heeft brandplekken door haar stiefvader",
        "meisje zegt dat de buurman aan haar lijf zit",
        "papa ligt al uren op de vloer zegt ze en hij praat niet meer",
        "een jongetje uit groep 1 wacht nog steeds bij het hek en de telefoon van moeder staat uit",
        "een onbekende vrouw probeerde een kleuter mee te nemen bij het hek",
        "moeder is met de kinderen ervandoor gegaan terwijl vader het gezag heeft",
        "haar paspoort is ingenomen door haar vader",
        "hij zegt dat hij geen zin meer heeft om te leven",
        "ze smeekte om niet naar huis te hoeven",
        "kleuter nt opgehaald, ouders nt te bereiken",
        "vader heeft hem mee genomen zonder toestemming van moeder",
    ],
    "generalisatie_eigen_voorbeelden": [
        "stiefvader heeft het jongetje afgetuigd",
        "hij is gisteren door zijn broer in elkaar getrapt",
        "ze mag vast bij mij blijven slapen vroeg ze, ze is bang voor thuis",
        "papa doet haar pijn zegt ze, maar ik mag het aan niemand vertellen",
        "ze zegt dat de oom aan haar komt zitten als mama weg is",
        "er ligt een 🔪 in zijn kastje",
        "HELLPPP er staat een vader met een mes op het plein",
        "ze zegt dat ze zelf moord wil plegen",
        "oppas is in elkaar gezakt en doet niks meer, zegt het kind aan de telefoon",
        "iedereen is opgehaald behalve een kleuter en de ouders nemen niet op",
        "een onbekende man trok een meisje mee in zijn busje",
        "ze wordt deze zomer naar afrika gestuurd voor een heropvoeding",
        "hij zegt dat iedereen beter af is zonder hem",
        "my student is suicidal and says he wants to end it all",
        "ze mishandelen het kleine kind al weken",
        "ze heeft blauwe plekken en smeekte me dat niemand het mag weten",
    ],
    "lemmas_en_varianten": [
        "ze word geslagen thuis",
        "leerling zei dat ze gister met een riem is geslagen door pa en vanavond moet ze terug",
        "een jongen uit groep 8 kwam met een blauw oog, zijn vader sloeg hem gisteren",
    ],
}

MUST_MATCH["spreektaal_en_indirect"] = [
    "hij zei dat zijn vader hem vanavond een pak slaag geeft als hij thuiskomt",
    "ze vertelde dat haar broer straks met haar gaat afrekenen",
    "jongen riep 'jullie zien me nooit meer' en rende de school uit",
    "meisje vroeg hoeveel tabletten je moet slikken om niet meer wakker te worden",
    "de peuter is kwijt op het plein, een buurvrouw zag een man hem in een busje tillen",
    "een kind van 5 heeft bloed in haar broekje en zegt dat oom het deed",
    "vader is gisteren in de keuken gevallen en ligt er nog steeds, zegt zijn dochter",
    "moeder staat verward in de gang met een keukenmes",
]

MUST_NOT_MATCH = {
    "ontkenning": [
        "er is geen gevaar",
        "huh er is helemaal geen gevaar",
        "het is niet acuut",
        "niet acuut, maar ik maak me wel zorgen",
        "hij wordt niet geslagen, maar hij is wel vaak verdrietig",
        "ze is niet in gevaar",
        "vader slaat haar niet, dat heb ik nagevraagd",
        "hij heeft geen mes bij zich, het was een liniaal",
        "er is geen sprake van geweld",
        "ze is niet bang om naar huis te gaan",
        "no danger, just a question",
        "ik denk niet dat ze thuis geslagen wordt, ze is gewoon druk",
        "er is geen enkele aanwijzing dat hij zichzelf iets aandoet",
        "moeder is niet bewusteloos, ze was even duizelig",
    ],
    "onschuldig": [
        "kind in groep 3 heeft moeite met zindelijkheid en slaapt slecht",
        "een leerling is altijd moe en huilt snel",
        "hij sloeg een bal over het hek",
        "dat slaat nergens op",
        "we oefenen met mes en vork eten bij de lunch",
        "Hij heeft een mes en vork nodig bij de lunch",
        "we hadden vandaag EHBO-les over iemand die bewusteloos is",
        "in de geschiedenisles ging het over de oorlog en mensen die vermoord werden",
        "hij is bang voor de toets",
        "ze wil niet naar huis want het is zo gezellig op de BSO",
        "Hij dreigt te blijven zitten",
        "Ze dreigt een thuiszitter te worden",
        "Ze ligt in het ziekenhuis voor een geplande operatie",
        "De leerling wordt gepest in de pauze",
        "Hij sloeg de bal hard weg in de gymles",
        "We hebben het in de klas over veilig verkeer gehad",
        "de deur slaat steeds dicht door de wind",
        "ze is gestoken door een wesp op het schoolplein",
        "zijn hamster is dood en hij is verdrietig",
        "ik ben dood moe van deze week",
        "ze slaapt slecht sinds de scheiding",
        "hij eet slecht en is vaak moe",
        "de klok sloeg twaalf",
        "de vader komt hem altijd op tijd ophalen",
        "de juf gaat trouwen in de zomer",
        "ze gaat in de zomervakantie naar het buitenland",
        "hij heeft een blauwe plek van het voetballen",
        "hij speelt fortnite met wapens",
        "we lezen een boek over een kind dat wordt mishandeld",
        "hij riep 'ik maak je af' tijdens tikkertje, als grapje",
        "wat doe ik als een leerling ooit vertelt dat ze mishandeld wordt?",
        "ze gooit haar lunch steeds weg",
        "ze sloeg haar armen om me heen",
        "mag een leerling een zakmes meenemen op kamp?",
        "hij wordt vandaag door oma opgehaald",
        "de ouders zijn slecht bereikbaar, hoe plan ik een gesprek",
    ],
    "niet_gemeend_en_afgehandeld": [
        "ik vermoord die printer nog eens",
        "de klas ging los als een bom na de gymles",
        "hij zei 'mama vermoordt me' toen hij zijn jas kwijt was, gewoon een uitdrukking",
        "ze wil niet naar huis omdat het feest op school zo leuk is",
        "het incident van vorig schooljaar is afgerond, hoe doen we nazorg",
        "kind was even zoek maar zat gewoon in de bibliotheek",
        "we lazen roodkapje en de wolf werd gedood door de jager",
        "leerling tekent graag zwaarden en pistolen in zijn schrift",
    ],
    "meta": [
        "wanneer bel ik 112 of Veilig Thuis?",
        "wanneer moet ik Veilig Thuis bellen?",
        "hoe herken ik kindermishandeling?",
        "wat zijn signalen van seksueel misbruik?",
        "hoe werkt de meldcode huiselijk geweld en kindermishandeling",
        "Ik wil graag weten hoe de meldcode werkt",
        "we hebben een studiedag over huiselijk geweld",
        "kan ik anoniem advies vragen bij Veilig Thuis?",
    ],
    "zorg_niet_acuut": [
        "ik maak me zorgen over de thuissituatie van een leerling",
        "een leerling komt vaak zonder ontbijt op school",
        "ik heb een niet pluis gevoel bij een meisje uit groep 6",
        "de ouders zitten in een vechtscheiding",
        "een leerling komt regelmatig te laat",
        "Hoe vraag ik vakantieverlof aan?",
        "Wie is de leerplichtambtenaar in Haarlem?",
        "wie betaalt een iq-onderzoek",
        "hoe begin ik een gesprek met ouders over mijn zorgen?",
        "Hij is vaak ziek",
        "Ze wil niet naar school",
        "Wat is de rol van de CJG-coach?",
        "hoe registreer ik een vermoeden van mishandeling in het dossier?",
        "hij sloeg de winnende goal bij het schoolvoetbal",
        "ze heeft zich per ongeluk gesneden bij handvaardigheid, pleister erop",
        "wat zeg je tegen een kind dat roept 'ik wil dood' als het boos is? algemene vraag",
        "vader kwam verhaal halen over het rapport, hij was boos maar bleef rustig",
        "het gezin is uit huis gezet en slaapt bij familie",
        "ze zegt dat ze verliefd is, maar ik mag het aan niemand vertellen",
        "een leerling vertelde vorig jaar dat papa mama soms slaat",
    ],
}


def _cases(table):
    return [pytest.param(text, id=f"{group}:{text[:40]}") for group, texts in table.items() for text in texts]


@pytest.mark.parametrize("text", _cases(MUST_MATCH))
def test_acute_danger_is_detected(text):
    assert detect(text) is not None, text


@pytest.mark.parametrize("text", _cases(MUST_NOT_MATCH))
def test_no_false_alarm(text):
    assert detect(text) is None, detect(text)


# How long the detector takes on long texts is measured by benchmarks, not here
# (no timed assertions in tests); these check that the whole text is read.
def test_danger_at_the_end_of_a_long_text_is_found():
    text = " ".join(["De leerling is vandaag wat stil en moe in de klas, maar verder gaat het goed."] * 60)
    assert detect(text) is None
    assert detect(text + " Ze zegt dat ze niet naar huis durft.") is not None


def test_danger_at_the_end_of_a_megabyte_message_is_found():
    story = "ik heb een vraag over een leerling uit groep 5. " * 20_000
    assert detect(story) is None
    assert detect(story + " Ze zegt dat haar vader haar vanavond weer slaat.") is not None


def test_a_pattern_spanning_two_sentences_is_found_in_a_long_text():
    story = "ik wil iets vertellen over een leerling. " * 200 + "mama ligt op de bank. ze wordt niet wakker."
    assert detect(story) is not None
