#!/usr/bin/env python3
"""Write the tisc demo corpus into corpora/demo/ (deterministic; Python 3 standard library only).

Every title, abstract, description, claim, name and number is INVENTED: texts are assembled from
per-topic vocabularies (English / French / German tuples) and sentence templates with a seeded
random generator.  Numbers, PMIDs and DOIs are made up (DOIs use the test prefix 10.5555) and may
coincide with numbers of real, unrelated documents.  The files mimic the structure of the real
formats tisc reads: USPTO weekly grant/application files (concatenated XML documents), EPO
ep-patent-document files, a gzipped PubmedArticleSet and JATS (PMC) articles.

    python3 scripts/make_demo_corpus.py     # (re)write corpora/demo/ and check what was written
"""
import datetime as dt
import gzip
import random
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SEED = 20240917
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpora" / "demo"


def rng_for(*key):
    return random.Random("tisc-demo:%d:%s" % (SEED, ":".join(map(str, key))))


class V(tuple):
    """A vocabulary entry (en, fr, de ...) with optional tags ('tag,tag: en | fr | de')."""
    tags = frozenset()


def T(s):
    m = re.match(r"([a-z]+(?:,[a-z]+)*): ", s)
    v = V(p.strip() for p in s[m.end() if m else 0:].split("|"))
    v.tags = frozenset(m.group(1).split(",")) if m else frozenset()
    return v


def fits(items, tags):
    return [v for v in items if not v.tags or v.tags & tags]


fits_ = fits
MODERN = re.compile(r"smartphone|mobile network|short message|pay-as-you-go|prepaid|remote server|phone")


def TT(block):
    return [T(line) for line in block.strip().splitlines() if line.strip()]


# ------------------------------------------------------------------------------------------------
# Topic vocabularies.  Devices: en | fr | fr gender | de | en short | fr short | de short.
# Components: noun phrases (en | fr | de accusative); '*' marks where a reference numeral goes.
# Features: clauses usable after "wherein" / "dans lequel" / "wobei" (German verb-final).
# Steps: en gerund | fr infinitive | de nominalised.  Problems/advantages/details: en | fr.
# Details: {lo-hi/step} is replaced by a random number.
# ------------------------------------------------------------------------------------------------
TOPICS = {}

TOPICS["sp"] = dict(
    name="solar water pumping",
    ipc=["F04B 17/006", "F04B 49/06", "F04D 13/06", "H02S 10/00", "H02J 7/35", "A01G 25/16"],
    field=T("water lifting equipment powered by photovoltaic modules | les équipements d'exhaure alimentés par des modules photovoltaïques"),
    devices=TT("""
solar water pumping system | système de pompage solaire | m | Solares Wasserpumpsystem | system | Système | System
solar-powered submersible pump unit | groupe de pompage immergé solaire | m | Solarbetriebene Tauchpumpeneinheit | pump unit | Groupe de pompage | Pumpeneinheit
photovoltaic pump controller | contrôleur de pompe photovoltaïque | m | Photovoltaik-Pumpensteuerung | controller | Contrôleur | Pumpensteuerung
solar surface pump for smallholder irrigation | pompe de surface solaire pour la petite irrigation | f | Solare Oberflächenpumpe für die Kleinbewässerung | pump | Pompe | Oberflächenpumpe
solar-powered livestock watering station | station d'abreuvement solaire | f | Solarbetriebene Viehtränkstation | station | Station | Tränkstation
"""),
    quals=TT("""
with maximum power point tracking | à suivi du point de puissance maximale | mit Maximum-Power-Point-Tracking
with dry-run protection | avec protection contre la marche à sec | mit Trockenlaufschutz
storing energy as elevated water instead of in batteries | stockant l'énergie sous forme d'eau surélevée plutôt que dans des batteries | mit Energiespeicherung als Hochwasser statt in Batterien
with remote monitoring over a mobile network | avec télésurveillance par réseau mobile | mit Fernüberwachung über ein Mobilfunknetz
with a seasonally adjustable array mount | avec support de panneaux à inclinaison saisonnière | mit saisonal verstellbarem Modulgestell
with pay-as-you-go metering | avec comptage prépayé | mit Prepaid-Abrechnung
with a sensorless brushless motor drive | à entraînement sans capteur par moteur sans balais | mit sensorlosem bürstenlosem Motorantrieb
"""),
    comps=TT("""
a photovoltaic array | un champ photovoltaïque | einen Photovoltaikgenerator
a brushless direct-current motor* coupled to a pump | un moteur à courant continu sans balais* accouplé à une pompe | einen mit einer Pumpe gekoppelten bürstenlosen Gleichstrommotor
a helical rotor pump | une pompe à rotor hélicoïdal | eine Exzenterschneckenpumpe
a controller* having a maximum power point tracking circuit | un contrôleur* comportant un circuit de suivi du point de puissance maximale | eine Steuereinheit mit einer MPP-Nachführschaltung
a water level sensor* disposed in the well | un capteur de niveau* disposé dans le puits | einen im Brunnen angeordneten Wasserstandssensor
an elevated storage tank | un réservoir surélevé | einen erhöhten Speicherbehälter
a float switch* in the storage tank | un interrupteur à flotteur* placé dans le réservoir | einen Schwimmerschalter im Speicherbehälter
a communication module | un module de communication | ein Kommunikationsmodul
a flow meter* on the delivery pipe | un débitmètre* sur la conduite de refoulement | einen Durchflussmesser an der Druckleitung
a tilting frame* supporting the array | un châssis inclinable* supportant le champ | ein den Generator tragendes Neigegestell
"""),
    feats=TT("""
the controller varies the motor speed so that the array operates near its maximum power point | le contrôleur fait varier la vitesse du moteur de sorte que le champ fonctionne au voisinage de son point de puissance maximale | die Steuereinheit die Motordrehzahl so verändert, dass der Generator nahe seinem Punkt maximaler Leistung arbeitet
the controller stops the motor when the water level sensor indicates that the well is nearly empty | le contrôleur arrête le moteur lorsque le capteur de niveau indique que le puits est presque vide | die Steuereinheit den Motor anhält, wenn der Wasserstandssensor einen nahezu leeren Brunnen anzeigt
the pump is started only when the irradiance exceeds a start threshold stored in the controller | la pompe n'est démarrée que lorsque l'éclairement dépasse un seuil de démarrage enregistré dans le contrôleur | die Pumpe erst gestartet wird, wenn die Einstrahlung einen in der Steuereinheit gespeicherten Startschwellenwert überschreitet
energy is stored as water in the elevated tank so that no battery is required | l'énergie est stockée sous forme d'eau dans le réservoir surélevé, de sorte qu'aucune batterie n'est nécessaire | die Energie als Wasser im erhöhten Speicherbehälter gespeichert wird, sodass keine Batterie erforderlich ist
the communication module transmits the daily pumped volume and fault codes by short message service | le module de communication transmet le volume pompé journalier et les codes de défaut par messages courts | das Kommunikationsmodul das täglich geförderte Volumen und Fehlercodes per Kurznachricht überträgt
the motor is a permanent-magnet motor operated without position sensors | le moteur est un moteur à aimants permanents commandé sans capteur de position | der Motor ein ohne Lagesensoren betriebener Permanentmagnetmotor ist
the tilt angle of the frame is adjustable in steps corresponding to the seasons | l'angle d'inclinaison du châssis est réglable par crans correspondant aux saisons | der Neigungswinkel des Gestells in jahreszeitabhängigen Stufen einstellbar ist
the controller disables the pump until a prepaid credit code has been entered | le contrôleur bloque la pompe tant qu'un code de crédit prépayé n'a pas été saisi | die Steuereinheit die Pumpe sperrt, bis ein Prepaid-Guthabencode eingegeben wurde
the pump housing is made of stainless steel and the rotor of a wear-resistant polymer | le corps de pompe est en acier inoxydable et le rotor en polymère résistant à l'usure | das Pumpengehäuse aus Edelstahl und der Rotor aus einem verschleißfesten Polymer besteht
the controller ramps the motor up over several seconds to limit the starting current | le contrôleur accélère progressivement le moteur sur plusieurs secondes afin de limiter le courant de démarrage | die Steuereinheit den Motor über mehrere Sekunden hochfährt, um den Anlaufstrom zu begrenzen
the flow meter signal is used to detect a leak or a blocked foot valve | le signal du débitmètre sert à détecter une fuite ou un clapet de pied obstrué | das Signal des Durchflussmessers zur Erkennung eines Lecks oder eines verstopften Fußventils genutzt wird
"""),
    method=T("method of pumping water with solar energy | procédé de pompage d'eau à l'énergie solaire | Verfahren zum Pumpen von Wasser mit Solarenergie"),
    steps=TT("""
measuring the voltage and current of the photovoltaic array | mesurer la tension et le courant du champ photovoltaïque | Messen von Spannung und Strom des Photovoltaikgenerators
adjusting the motor speed in response to the measured power | ajuster la vitesse du moteur en fonction de la puissance mesurée | Anpassen der Motordrehzahl in Abhängigkeit von der gemessenen Leistung
monitoring the water level in the well | surveiller le niveau d'eau dans le puits | Überwachen des Wasserstands im Brunnen
stopping the pump when the storage tank is full | arrêter la pompe lorsque le réservoir est plein | Anhalten der Pumpe, wenn der Speicherbehälter voll ist
reporting the pumped volume to a remote server | transmettre le volume pompé à un serveur distant | Melden des geförderten Volumens an einen entfernten Server
"""),
    problems=TT("""
Diesel pumps used for irrigation in remote areas are costly to run, because fuel has to be carried over long distances and engines need frequent servicing. | Les motopompes diesel utilisées pour l'irrigation dans les zones isolées sont coûteuses à exploiter, car le carburant doit être transporté sur de longues distances et les moteurs demandent un entretien fréquent.
Many rural boreholes lie far from the electricity grid, and hand pumps lift only a few cubic metres per day. | De nombreux forages ruraux sont éloignés du réseau électrique, et les pompes manuelles n'élèvent que quelques mètres cubes par jour.
Batteries used in known solar pumping kits wear out within a few years and are expensive to replace. | Les batteries des kits de pompage solaire connus s'usent en quelques années et sont coûteuses à remplacer.
Known solar pumps often run dry when the water table drops during the dry season, which damages the pump. | Les pompes solaires connues fonctionnent souvent à sec lorsque la nappe baisse en saison sèche, ce qui endommage la pompe.
Operators of village water points rarely know how much water has been delivered or when a fault occurred. | Les gestionnaires de points d'eau villageois savent rarement quel volume a été livré ni à quel moment une panne est survenue.
"""),
    advs=TT("""
reduces the cost of each cubic metre of water delivered | réduit le coût de chaque mètre cube d'eau livré
can be installed by a local technician with simple tools | se monte par un technicien local avec des outils simples
protects the pump against running dry | protège la pompe contre la marche à sec
operates without batteries | fonctionne sans batteries
allows faults to be diagnosed remotely | permet de diagnostiquer les pannes à distance
"""),
    details=TT("""
In a field installation, an array of {600-2400/100} Wp lifted about {12-60} m3 of water per day from a total head of {15-80} m. | Dans une installation de terrain, un champ de {600-2400/100} Wc a élevé environ {12-60} m3 d'eau par jour pour une hauteur manométrique totale de {15-80} m.
The start threshold is typically set between {120-250/10} and {260-400/10} W/m2 of irradiance. | Le seuil de démarrage est typiquement fixé entre {120-250/10} et {260-400/10} W/m2 d'éclairement.
The storage tank holds {5-50/5} m3, which corresponds to about {2-4} days of demand for a village of {300-2000/100} inhabitants. | Le réservoir contient {5-50/5} m3, soit environ {2-4} jours de consommation pour un village de {300-2000/100} habitants.
During a test of {3-14} months, the pump operated for an average of {6-9} hours per day without intervention. | Au cours d'un essai de {3-14} mois, la pompe a fonctionné en moyenne {6-9} heures par jour sans intervention.
The motor is rated at {300-2200/100} W and is fed at a bus voltage of {48-400/8} V. | Le moteur a une puissance nominale de {300-2200/100} W et est alimenté sous une tension de bus de {48-400/8} V.
"""),
)

TOPICS["drip"] = dict(
    name="drip and micro irrigation",
    ipc=["A01G 25/02", "A01G 25/06", "A01G 25/16", "B05B 1/30", "A01G 27/00"],
    field=T("localised irrigation of crops | l'irrigation localisée des cultures"),
    devices=TT("""
kit: drip irrigation kit | kit d'irrigation goutte-à-goutte | m | Tropfbewässerungsbausatz | kit | Kit | Bausatz
emit: pressure-compensating drip emitter | goutteur autorégulant | m | Druckkompensierender Tropfer | emitter | Goutteur | Tropfer
kit: gravity-fed micro-irrigation system | système de micro-irrigation gravitaire | m | Schwerkraftgespeistes Mikrobewässerungssystem | system | Système | System
emit: low-pressure drip lateral | rampe goutte-à-goutte basse pression | f | Niederdruck-Tropfleitung | lateral | Rampe | Tropfleitung
pot: clay pot subsurface irrigator | irrigateur enterré en poterie | m | Unterirdischer Tontopfbewässerer | irrigator | Irrigateur | Bewässerer
"""),
    quals=TT("""
emit: with a self-flushing labyrinth | à labyrinthe autonettoyant | mit selbstspülendem Labyrinth
kit,pot: for smallholder vegetable plots | pour parcelles maraîchères familiales | für kleinbäuerliche Gemüseparzellen
kit: with a bucket-filled header tank | avec réservoir de tête rempli au seau | mit eimergefülltem Kopfbehälter
kit: with a soil-moisture-controlled valve | avec vanne commandée par l'humidité du sol | mit bodenfeuchtegesteuertem Ventil
kit: with an inline fertiliser injector | avec injecteur d'engrais en ligne | mit Inline-Düngerinjektor
emit,kit: resistant to clogging by silt and algae | avec protection contre le colmatage par le limon et les algues | beständig gegen Verstopfung durch Schlamm und Algen
pot: for fruit trees in arid zones | pour arbres fruitiers en zone aride | für Obstbäume in Trockengebieten
emit: with a moulded one-piece body | à corps monobloc moulé | mit einstückig geformtem Körper
"""),
    comps=TT("""
kit,pot: a header tank* raised above the field | un réservoir de tête* surélevé par rapport à la parcelle | einen über dem Feld erhöhten Kopfbehälter
kit,emit: a screen filter | un filtre à tamis | einen Siebfilter
kit,emit: a lateral tube* having emitters spaced along its length | un tube latéral* muni de goutteurs espacés sur sa longueur | ein Seitenrohr mit entlang seiner Länge beabstandeten Tropfern
emit: a labyrinth flow path | un chemin d'écoulement en labyrinthe | einen Labyrinth-Strömungsweg
emit: an elastomeric membrane* covering an outlet chamber | une membrane élastomère* recouvrant une chambre de sortie | eine eine Auslasskammer abdeckende Elastomermembran
kit,pot: a soil moisture sensor | un capteur d'humidité du sol | einen Bodenfeuchtesensor
kit,pot: a shut-off valve | une vanne d'arrêt | ein Absperrventil
kit: a venturi fertiliser injector | un injecteur d'engrais à venturi | einen Venturi-Düngerinjektor
emit,kit: an end cap* with a flushing valve | un bouchon d'extrémité* muni d'une vanne de purge | eine Endkappe mit Spülventil
pot: a porous clay body | un corps en argile poreuse | einen porösen Tonkörper
pot: a lid* closing the neck of the pot | un couvercle* fermant le col du pot | einen den Topfhals verschließenden Deckel
emit: an inlet grid* with openings smaller than the labyrinth passage | une grille d'entrée* dont les ouvertures sont plus petites que le passage du labyrinthe | ein Einlassgitter mit Öffnungen, die kleiner als der Labyrinthdurchgang sind
"""),
    feats=TT("""
emit: the membrane deflects under rising pressure so that the discharge remains substantially constant between 0.5 and 2.5 bar | la membrane fléchit sous l'effet de la pression croissante de sorte que le débit reste sensiblement constant entre 0,5 et 2,5 bar | die Membran sich bei steigendem Druck so verformt, dass der Durchfluss zwischen 0,5 und 2,5 bar im Wesentlichen konstant bleibt
emit: the labyrinth has teeth whose tips are offset so that a vortex keeps particles in suspension | le labyrinthe présente des dents dont les pointes sont décalées de sorte qu'un tourbillon maintient les particules en suspension | das Labyrinth Zähne aufweist, deren Spitzen so versetzt sind, dass ein Wirbel Partikel in Schwebe hält
kit,pot: the header tank is placed at a height of one to two metres and is filled by hand with buckets | le réservoir de tête est placé à une hauteur de un à deux mètres et rempli à la main au seau | der Kopfbehälter in einer Höhe von ein bis zwei Metern angeordnet ist und von Hand mit Eimern befüllt wird
kit,emit: the emitters operate at a head of less than one metre of water | les goutteurs fonctionnent sous une charge inférieure à un mètre d'eau | die Tropfer bei einer Druckhöhe von weniger als einem Meter Wassersäule arbeiten
kit,pot: the valve closes when the soil moisture sensor indicates that the root zone is at field capacity | la vanne se ferme lorsque le capteur d'humidité indique que la zone racinaire est à la capacité au champ | das Ventil schließt, wenn der Bodenfeuchtesensor anzeigt, dass die Wurzelzone Feldkapazität erreicht hat
kit: the injector draws a fertiliser solution into the water in a fixed ratio | l'injecteur aspire une solution d'engrais dans l'eau selon un rapport fixe | der Injektor eine Düngerlösung in einem festen Verhältnis in das Wasser ansaugt
emit,kit: the flushing valve opens at low pressure at the start of each irrigation cycle and closes when the line is pressurised | la vanne de purge s'ouvre à basse pression au début de chaque cycle et se ferme lorsque la rampe est sous pression | das Spülventil zu Beginn jedes Zyklus bei niedrigem Druck öffnet und schließt, sobald die Leitung unter Druck steht
kit,emit: the lateral tube is made of recycled polyethylene stabilised against ultraviolet light | le tube latéral est en polyéthylène recyclé stabilisé contre les ultraviolets | das Seitenrohr aus UV-stabilisiertem recyceltem Polyethylen besteht
pot: the clay body has a porosity selected so that water seeps out only when the surrounding soil is dry | le corps en argile présente une porosité choisie de sorte que l'eau ne suinte que lorsque le sol environnant est sec | der Tonkörper eine solche Porosität aufweist, dass Wasser nur bei trockenem umgebendem Boden austritt
kit,emit: the screen filter has a mesh of 120 to 150 and can be opened without tools for cleaning | le filtre à tamis présente une maille de 120 à 150 et s'ouvre sans outil pour le nettoyage | der Siebfilter eine Maschenweite von 120 bis 150 mesh aufweist und sich werkzeuglos zur Reinigung öffnen lässt
pot: the pot is buried so that its neck protrudes above the soil surface and is closed by the lid | le pot est enterré de sorte que son col dépasse de la surface du sol et est fermé par le couvercle | der Topf so eingegraben ist, dass sein Hals über die Bodenoberfläche ragt und durch den Deckel verschlossen ist
pot: several pots are connected in series by flexible tubes fed from the header tank | plusieurs pots sont reliés en série par des tubes souples alimentés par le réservoir de tête | mehrere Töpfe in Reihe über flexible Schläuche verbunden sind, die aus dem Kopfbehälter gespeist werden
emit: the inlet grid stops particles before they reach the labyrinth | la grille d'entrée arrête les particules avant qu'elles n'atteignent le labyrinthe | das Einlassgitter Partikel zurückhält, bevor sie das Labyrinth erreichen
"""),
    method=T("method of irrigating a crop | procédé d'irrigation d'une culture | Verfahren zum Bewässern einer Kultur"),
    steps=TT("""
filling a header tank with water | remplir d'eau un réservoir de tête | Befüllen eines Kopfbehälters mit Wasser
filtering the water through a screen filter | filtrer l'eau à travers un filtre à tamis | Filtern des Wassers durch einen Siebfilter
distributing the water along lateral tubes laid beside the plants | distribuer l'eau le long de tubes latéraux posés le long des plantes | Verteilen des Wassers entlang neben den Pflanzen verlegter Seitenrohre
measuring the soil moisture in the root zone | mesurer l'humidité du sol dans la zone racinaire | Messen der Bodenfeuchte in der Wurzelzone
closing the supply when a moisture set point is reached | fermer l'alimentation lorsqu'une consigne d'humidité est atteinte | Schließen der Zufuhr bei Erreichen eines Feuchtesollwerts
"""),
    problems=TT("""
Furrow and basin irrigation lose a large part of the water by evaporation and deep percolation. | L'irrigation à la raie et par bassins perd une grande partie de l'eau par évaporation et par percolation profonde.
kit,emit: Commercial drip systems are designed for pumped supplies at one bar or more and are too costly for farmers cultivating less than half a hectare. | Les systèmes goutte-à-goutte du commerce sont conçus pour une alimentation pompée d'au moins un bar et sont trop coûteux pour les exploitants de moins d'un demi-hectare.
emit,kit: Emitters clog quickly when water from open wells or ponds carries silt and algae. | Les goutteurs se colmatent rapidement lorsque l'eau de puits ouverts ou de mares transporte du limon et des algues.
emit,kit: Discharge varies strongly along long laterals laid on uneven ground, so that plants at the end of the line receive too little water. | Le débit varie fortement le long des rampes posées sur un terrain irrégulier, de sorte que les plantes en bout de ligne reçoivent trop peu d'eau.
pot: Young trees planted in dry areas often die in their first dry season because watering by can is irregular and wasteful. | Les jeunes arbres plantés en zone sèche meurent souvent lors de leur première saison sèche, faute d'arrosages réguliers et économes.
"""),
    advs=TT("""
uses a fraction of the water needed for furrow irrigation | consomme une fraction de l'eau nécessaire à l'irrigation à la raie
works without a pump on a plot of a few hundred square metres | fonctionne sans pompe sur une parcelle de quelques centaines de mètres carrés
emit,kit: keeps the emitters free of deposits | maintient les goutteurs exempts de dépôts
emit,kit: delivers an even discharge along the whole lateral | délivre un débit homogène sur toute la rampe
can be assembled from parts sold in rural hardware shops | s'assemble à partir de pièces vendues dans les quincailleries rurales
"""),
    details=TT("""
In a trial on a plot of {100-1000/50} m2 of tomatoes, water use fell by {30-60} % compared with furrow irrigation while yield rose by {5-35} %. | Lors d'un essai sur une parcelle de {100-1000/50} m2 de tomates, la consommation d'eau a baissé de {30-60} % par rapport à l'irrigation à la raie tandis que le rendement augmentait de {5-35} %.
kit,emit: Each emitter delivers {1-4} litres per hour and the emitters are spaced {20-60/10} cm apart. | Chaque goutteur délivre {1-4} litres par heure et les goutteurs sont espacés de {20-60/10} cm.
kit,pot: The header tank has a capacity of {100-1000/50} litres, enough for one irrigation of {40-200/10} plants. | Le réservoir de tête a une capacité de {100-1000/50} litres, suffisante pour une irrigation de {40-200/10} plantes.
emit,kit: After {2-6} seasons of use with pond water, fewer than {2-9} % of the emitters were blocked. | Après {2-6} saisons d'utilisation avec de l'eau de mare, moins de {2-9} % des goutteurs étaient obstrués.
pot: Each buried pot of {8-20} litres watered one tree for {4-10} days. | Chaque pot enterré de {8-20} litres a arrosé un arbre pendant {4-10} jours.
"""),
)

TOPICS["mal"] = dict(
    name="malaria diagnostics",
    ipc=["G01N 33/558", "G01N 33/569", "G01N 33/543", "G02B 21/00", "C12Q 1/6893", "G01N 21/64"],
    field=T("the diagnosis of malaria at the point of care | le diagnostic du paludisme au point de soins"),
    devices=TT("""
rdt: lateral flow test device for malaria antigens | dispositif de test à flux latéral pour antigènes du paludisme | m | Lateral-Flow-Testvorrichtung für Malaria-Antigene | device | Dispositif | Testvorrichtung
rdt: rapid diagnostic test cassette | cassette de test de diagnostic rapide | f | Schnelltestkassette | cassette | Cassette | Testkassette
mic: portable microscope attachment for blood smears | adaptateur de microscope portable pour frottis sanguins | m | Tragbarer Mikroskopaufsatz für Blutausstriche | attachment | Adaptateur | Mikroskopaufsatz
read: test strip reader | lecteur de bandelettes de test | m | Teststreifen-Lesegerät | reader | Lecteur | Lesegerät
stain: blood smear staining kit | trousse de coloration de frottis sanguins | f | Färbeset für Blutausstriche | kit | Trousse | Färbeset
"""),
    quals=TT("""
rdt: for distinguishing Plasmodium falciparum from other species | permettant de distinguer Plasmodium falciparum des autres espèces | zur Unterscheidung von Plasmodium falciparum von anderen Arten
rdt,stain: stable at high ambient temperature | stable à température ambiante élevée | stabil bei hoher Umgebungstemperatur
read,mic: with a smartphone-based reading unit | avec unité de lecture sur téléphone intelligent | mit smartphonebasierter Ausleseeinheit
mic: using light-emitting-diode fluorescence | utilisant la fluorescence par diodes électroluminescentes | mit Leuchtdioden-Fluoreszenz
rdt: with an integrated control for sample migration | avec témoin intégré de migration de l'échantillon | mit integrierter Kontrolle der Probenmigration
rdt,read,stain: for use by community health workers | pour les agents de santé communautaires | zur Verwendung durch Gemeindegesundheitshelfer
"""),
    comps=TT("""
rdt,read: a sample pad* for receiving a drop of whole blood | un tampon d'échantillon* destiné à recevoir une goutte de sang total | ein Probenpolster zur Aufnahme eines Vollbluttropfens
rdt: a conjugate pad* carrying gold-labelled antibodies against histidine-rich protein 2 | un tampon de conjugué* portant des anticorps marqués à l'or dirigés contre la protéine riche en histidine 2 | ein Konjugatpolster mit goldmarkierten Antikörpern gegen histidinreiches Protein 2
rdt,read: a nitrocellulose membrane* having a test line and a control line | une membrane de nitrocellulose* présentant une ligne de test et une ligne de contrôle | eine Nitrocellulosemembran mit einer Testlinie und einer Kontrolllinie
rdt: a second test line* for pan-Plasmodium lactate dehydrogenase | une seconde ligne de test* pour la lactate déshydrogénase pan-Plasmodium | eine zweite Testlinie für pan-Plasmodium-Laktatdehydrogenase
rdt,stain: a desiccant-lined pouch | un sachet garni de dessiccant | einen mit Trockenmittel ausgekleideten Beutel
read,mic: a clip* for holding a smartphone camera over the result window | une pince* maintenant la caméra d'un téléphone au-dessus de la fenêtre de lecture | einen Clip zum Halten einer Smartphone-Kamera über dem Ergebnisfenster
mic,read: a light-emitting diode* emitting at about 470 nm | une diode électroluminescente* émettant à environ 470 nm | eine bei etwa 470 nm emittierende Leuchtdiode
mic: a ball lens* mounted in front of the camera | une lentille boule* montée devant la caméra | eine vor der Kamera angebrachte Kugellinse
stain,mic: a dropper bottle* of buffered stain | un flacon compte-gouttes* de colorant tamponné | eine Tropfflasche mit gepufferter Färbelösung
read,mic: an image processing unit | une unité de traitement d'images | eine Bildverarbeitungseinheit
stain,mic: a slide holder* with a reference scale | un porte-lame* muni d'une échelle de référence | einen Objektträgerhalter mit Referenzskala
stain: a staining tray* with a drainage slope | un bac de coloration* à pente d'égouttage | eine Färbewanne mit Ablaufgefälle
stain: a timer* indicating the staining time | un minuteur* indiquant la durée de coloration | einen die Färbezeit anzeigenden Zeitgeber
"""),
    feats=TT("""
rdt,read: the antibodies are stabilised with a trehalose glass so that the test remains readable after storage at 45 °C | les anticorps sont stabilisés par un verre de tréhalose de sorte que le test reste lisible après stockage à 45 °C | die Antikörper mit einem Trehaloseglas stabilisiert sind, sodass der Test nach Lagerung bei 45 °C ablesbar bleibt
read: the image processing unit compares the intensity of the test line with that of the control line and reports a semi-quantitative result | l'unité de traitement d'images compare l'intensité de la ligne de test à celle de la ligne de contrôle et fournit un résultat semi-quantitatif | die Bildverarbeitungseinheit die Intensität der Testlinie mit der der Kontrolllinie vergleicht und ein halbquantitatives Ergebnis ausgibt
rdt: the control line changes colour only when the sample has migrated across the whole membrane | la ligne de contrôle ne change de couleur que lorsque l'échantillon a migré sur toute la membrane | die Kontrolllinie ihre Farbe erst ändert, wenn die Probe über die gesamte Membran gewandert ist
mic,stain: the light-emitting diode excites an acridine orange stain so that parasites appear green against a dark background | la diode excite un colorant à l'acridine orange de sorte que les parasites apparaissent en vert sur fond sombre | die Leuchtdiode einen Acridinorange-Farbstoff anregt, sodass Parasiten grün vor dunklem Hintergrund erscheinen
mic: the ball lens provides a magnification sufficient to distinguish ring stages in a thin smear | la lentille boule fournit un grossissement suffisant pour distinguer les stades en anneau dans un frottis mince | die Kugellinse eine Vergrößerung liefert, die zur Unterscheidung von Ringstadien in einem dünnen Ausstrich ausreicht
read,mic: the result, the date and a location code are sent to a district health information system | le résultat, la date et un code de localisation sont transmis à un système d'information sanitaire de district | das Ergebnis, das Datum und ein Ortscode an ein Gesundheitsinformationssystem des Distrikts übermittelt werden
stain,mic: the stain is supplied as a dry tablet dissolved in a fixed volume of water before use | le colorant est fourni sous forme de comprimé sec dissous dans un volume fixe d'eau avant emploi | die Färbelösung als trockene Tablette geliefert wird, die vor Gebrauch in einem festen Wasservolumen gelöst wird
rdt: the housing has a window that turns red when the cassette has been exposed to excessive heat | le boîtier comporte une fenêtre qui vire au rouge lorsque la cassette a subi une chaleur excessive | das Gehäuse ein Fenster aufweist, das sich rot färbt, wenn die Kassette übermäßiger Hitze ausgesetzt war
read,mic: the reader counts parasites per microlitre from a stored calibration curve | le lecteur calcule le nombre de parasites par microlitre à partir d'une courbe d'étalonnage enregistrée | das Lesegerät anhand einer gespeicherten Kalibrierkurve die Parasiten pro Mikroliter bestimmt
rdt: the second test line allows mixed infections with Plasmodium vivax to be recognised | la seconde ligne de test permet de reconnaître les infections mixtes à Plasmodium vivax | die zweite Testlinie das Erkennen von Mischinfektionen mit Plasmodium vivax ermöglicht
rdt,read: the sample pad contains a lysing agent that releases the antigen from red blood cells | le tampon d'échantillon contient un agent de lyse qui libère l'antigène des globules rouges | das Probenpolster ein Lysemittel enthält, das das Antigen aus roten Blutkörperchen freisetzt
rdt: the buffer is supplied in a single-use ampoule sealed to the cassette | le tampon est fourni dans une ampoule à usage unique scellée à la cassette | der Puffer in einer mit der Kassette verschweißten Einwegampulle bereitgestellt wird
stain: the stain is buffered at pH 7.2 so that ordinary well water can be used for dilution | le colorant est tamponné à pH 7,2 de sorte que l'eau de puits ordinaire peut servir à la dilution | die Färbelösung auf pH 7,2 gepuffert ist, sodass gewöhnliches Brunnenwasser zur Verdünnung verwendet werden kann
stain: the staining tray holds up to twenty slides so that the smears of a whole clinic session are stained at once | le bac de coloration reçoit jusqu'à vingt lames de sorte que les frottis de toute une consultation sont colorés en une fois | die Färbewanne bis zu zwanzig Objektträger aufnimmt, sodass die Ausstriche einer ganzen Sprechstunde auf einmal gefärbt werden
"""),
    method=T("method of detecting a malaria infection in a blood sample | procédé de détection d'une infection palustre dans un échantillon de sang | Verfahren zum Nachweis einer Malariainfektion in einer Blutprobe"),
    steps=TT("""
rdt,read: applying a drop of capillary blood to a sample pad | déposer une goutte de sang capillaire sur un tampon d'échantillon | Aufbringen eines Tropfens Kapillarblut auf ein Probenpolster
rdt,read: adding a buffer to cause the sample to migrate along a membrane | ajouter un tampon pour faire migrer l'échantillon le long d'une membrane | Zugeben eines Puffers, um die Probe entlang einer Membran wandern zu lassen
rdt,read,mic: capturing an image of the result window | acquérir une image de la fenêtre de lecture | Aufnehmen eines Bildes des Ergebnisfensters
rdt,read: comparing the test line signal with a threshold | comparer le signal de la ligne de test à un seuil | Vergleichen des Testliniensignals mit einem Schwellenwert
mic,stain: preparing a thin blood smear on a slide | préparer un frottis sanguin mince sur une lame | Anfertigen eines dünnen Blutausstrichs auf einem Objektträger
mic,stain: staining the smear | colorer le frottis | Färben des Ausstrichs
mic: illuminating the smear with a light-emitting diode | éclairer le frottis avec une diode électroluminescente | Beleuchten des Ausstrichs mit einer Leuchtdiode
mic,stain: counting the parasites in a predetermined number of microscope fields | compter les parasites dans un nombre prédéterminé de champs microscopiques | Zählen der Parasiten in einer vorbestimmten Anzahl von Mikroskopfeldern
recording the result together with the patient identifier | enregistrer le résultat avec l'identifiant du patient | Speichern des Ergebnisses zusammen mit der Patientenkennung
"""),
    problems=TT("""
Light microscopy of Giemsa-stained smears remains the reference method, but it requires electricity, a trained microscopist and a well-maintained microscope. | La microscopie optique de frottis colorés au Giemsa reste la méthode de référence, mais elle exige de l'électricité, un microscopiste formé et un microscope bien entretenu.
rdt,read: Rapid diagnostic tests lose sensitivity when they are stored in health posts where temperatures exceed 40 °C. | Les tests de diagnostic rapide perdent en sensibilité lorsqu'ils sont stockés dans des postes de santé où la température dépasse 40 °C.
rdt,read: Faint test lines are often read as negative by health workers, particularly at low parasite densities. | Les lignes de test faibles sont souvent lues comme négatives par les agents de santé, en particulier aux faibles densités parasitaires.
Results recorded on paper registers reach the district level late and are frequently incomplete. | Les résultats consignés dans des registres papier parviennent tardivement au district et sont souvent incomplets.
mic,stain: Giemsa stain deteriorates in hot climates, and the quality of smears varies widely between health facilities. | Le colorant de Giemsa se dégrade en climat chaud, et la qualité des frottis varie fortement d'une formation sanitaire à l'autre.
"""),
    advs=TT("""
gives a result within twenty minutes without electricity | fournit un résultat en vingt minutes sans électricité
rdt,stain: remains reliable after months of storage in hot climates | reste fiable après des mois de stockage en climat chaud
rdt,read,mic: reduces reading errors at low parasite densities | réduit les erreurs de lecture aux faibles densités parasitaires
mic,read: costs less than a conventional microscope by an order of magnitude | coûte dix fois moins qu'un microscope classique
"""),
    details=TT("""
In a comparison with expert microscopy on {200-900/10} febrile patients, sensitivity was {88-99} % and specificity {90-99} %. | Dans une comparaison avec la microscopie experte portant sur {200-900/10} patients fébriles, la sensibilité était de {88-99} % et la spécificité de {90-99} %.
The detection limit was about {50-200/10} parasites per microlitre. | La limite de détection était d'environ {50-200/10} parasites par microlitre.
rdt: Cassettes stored for {6-18} months at {35-45} °C gave the same results as refrigerated controls. | Des cassettes stockées pendant {6-18} mois à {35-45} °C ont donné les mêmes résultats que les témoins réfrigérés.
mic,read: The complete attachment weighs {60-250/10} g and is powered for {6-20} hours by the phone battery. | L'adaptateur complet pèse {60-250/10} g et fonctionne {6-20} heures sur la batterie du téléphone.
"""),
)

TOPICS["plant"] = dict(
    name="plant-extract formulations",
    ipc=["A61K 36/00", "A61K 36/58", "A01N 65/26", "A01N 65/00", "A61K 36/282", "C02F 1/52", "A23L 33/105"],
    field=T("formulations based on plant extracts | les formulations à base d'extraits végétaux"),
    devices=TT("""
neem: neem seed oil emulsifiable concentrate | concentré émulsionnable d'huile de graines de neem | m | Emulgierbares Konzentrat aus Neemsamenöl | concentrate | Concentré | Konzentrat
larv: mosquito larvicidal composition | composition larvicide contre les moustiques | f | Larvizide Zusammensetzung gegen Stechmücken | composition | Composition | Zusammensetzung
mor: Moringa oleifera seed coagulant | coagulant à base de graines de Moringa oleifera | m | Koagulationsmittel aus Moringa-oleifera-Samen | coagulant | Coagulant | Koagulationsmittel
art: Artemisia annua leaf preparation | préparation de feuilles d'Artemisia annua | f | Zubereitung aus Artemisia-annua-Blättern | preparation | Préparation | Zubereitung
neem: botanical crop protection formulation | formulation phytosanitaire d'origine végétale | f | Pflanzliche Pflanzenschutzformulierung | formulation | Formulation | Formulierung
"""),
    quals=TT("""
neem,larv,art: with improved storage stability | à stabilité de stockage améliorée | mit verbesserter Lagerstabilität
neem,larv,mor,art: and process for its preparation | et son procédé de préparation | und Verfahren zu ihrer Herstellung
neem,larv: protected against degradation by sunlight | avec protection contre la dégradation par la lumière solaire | geschützt gegen Abbau durch Sonnenlicht
mor: for household water clarification | pour la clarification de l'eau domestique | zur Klärung von Haushaltswasser
larv,neem: in the form of dispersible granules | sous forme de granulés dispersibles | in Form dispergierbarer Granulate
"""),
    comps=TT("""
neem,larv: a neem seed kernel extract containing azadirachtin | un extrait d'amandes de neem contenant de l'azadirachtine | einen Azadirachtin enthaltenden Neemkernextrakt
neem,larv: a vegetable oil carrier | un support d'huile végétale | einen Pflanzenölträger
neem,larv: a non-ionic emulsifier derived from castor oil | un émulsifiant non ionique dérivé de l'huile de ricin | einen nichtionischen Emulgator auf Rizinusölbasis
neem,larv: an ultraviolet screening agent | un agent filtrant les ultraviolets | ein UV-Schutzmittel
mor: a press cake of defatted moringa seeds | un tourteau de graines de moringa dégraissées | einen Presskuchen aus entfetteten Moringasamen
mor: a saline extraction solution | une solution d'extraction saline | eine salzhaltige Extraktionslösung
art: dried Artemisia annua leaves | des feuilles séchées d'Artemisia annua | getrocknete Artemisia-annua-Blätter
larv,neem,mor: a dispersing agent | un agent dispersant | ein Dispergiermittel
larv: a clay-based granule carrier | un support granulé à base d'argile | einen Granulatträger auf Tonbasis
neem,art: an antioxidant | un antioxydant | ein Antioxidans
mor: a sand filter* for polishing the clarified water | un filtre à sable* pour l'affinage de l'eau clarifiée | einen Sandfilter zur Nachreinigung des geklärten Wassers
mor: a sachet* of water-permeable fabric | un sachet* en tissu perméable à l'eau | einen Beutel aus wasserdurchlässigem Gewebe
art: a tea bag* containing one dose of powdered leaves | un sachet-dose* contenant une dose de feuilles en poudre | einen Teebeutel mit einer Dosis pulverisierter Blätter
art,mor: a light-proof container | un récipient opaque | einen lichtdichten Behälter
art,neem: a quality-control marker compound | un composé marqueur de contrôle qualité | eine Markerverbindung zur Qualitätskontrolle
"""),
    feats=TT("""
neem,larv: the azadirachtin content is between 0.1 and 1.5 percent by weight | la teneur en azadirachtine est comprise entre 0,1 et 1,5 % en poids | der Azadirachtingehalt zwischen 0,1 und 1,5 Gewichtsprozent liegt
neem: the emulsion remains stable for at least two hours after dilution in hard water | l'émulsion reste stable pendant au moins deux heures après dilution dans une eau dure | die Emulsion nach Verdünnung in hartem Wasser mindestens zwei Stunden stabil bleibt
neem,larv: the screening agent is a lignin derivative obtained from agricultural residues | l'agent filtrant est un dérivé de lignine obtenu à partir de résidus agricoles | das Schutzmittel ein aus landwirtschaftlichen Reststoffen gewonnenes Ligninderivat ist
mor: the coagulant protein is extracted with a sodium chloride solution of about one mole per litre | la protéine coagulante est extraite par une solution de chlorure de sodium d'environ une mole par litre | das koagulierende Protein mit einer Natriumchloridlösung von etwa einem Mol pro Liter extrahiert wird
mor: the dose of seed powder is selected according to the initial turbidity of the water | la dose de poudre de graines est choisie en fonction de la turbidité initiale de l'eau | die Dosis des Samenpulvers in Abhängigkeit von der Ausgangstrübung des Wassers gewählt wird
art: the leaves are dried in the shade below 40 °C to preserve the artemisinin content | les feuilles sont séchées à l'ombre en dessous de 40 °C afin de préserver la teneur en artémisinine | die Blätter im Schatten unter 40 °C getrocknet werden, um den Artemisiningehalt zu erhalten
larv,neem: the formulation kills at least 90 percent of Anopheles larvae within 24 hours at the recommended dose | la formulation tue au moins 90 % des larves d'anophèles en 24 heures à la dose recommandée | die Formulierung bei der empfohlenen Dosis mindestens 90 Prozent der Anopheles-Larven innerhalb von 24 Stunden abtötet
neem,larv: the oil is obtained by cold pressing and is not heated above 50 °C | l'huile est obtenue par pression à froid et n'est pas chauffée au-delà de 50 °C | das Öl durch Kaltpressung gewonnen und nicht über 50 °C erhitzt wird
larv: the granules release the active ingredient over a period of two to four weeks in standing water | les granulés libèrent la matière active sur une période de deux à quatre semaines en eau stagnante | die Granulate den Wirkstoff über zwei bis vier Wochen in stehendem Wasser freisetzen
mor: the seed powder is packed in sachets that are stirred in the water for one minute and then removed | la poudre de graines est conditionnée en sachets agités une minute dans l'eau puis retirés | das Samenpulver in Beuteln verpackt ist, die eine Minute im Wasser gerührt und dann entfernt werden
mor: the oil is removed from the seeds before extraction so that the treated water does not acquire an odour | l'huile est retirée des graines avant extraction afin que l'eau traitée ne prenne pas d'odeur | das Öl vor der Extraktion aus den Samen entfernt wird, damit das behandelte Wasser keinen Geruch annimmt
mor: the clarified water is passed through the sand filter after settling | l'eau clarifiée passe dans le filtre à sable après décantation | das geklärte Wasser nach dem Absetzen durch den Sandfilter geleitet wird
art: each dose is standardised to a fixed artemisinin content measured by thin-layer chromatography | chaque dose est standardisée à une teneur fixe en artémisinine mesurée par chromatographie sur couche mince | jede Dosis auf einen festen, dünnschichtchromatographisch bestimmten Artemisiningehalt eingestellt ist
art: the powdered leaves are mixed with a vegetable fat to improve extraction of the active compounds | les feuilles en poudre sont mélangées à une matière grasse végétale pour améliorer l'extraction des principes actifs | die pulverisierten Blätter mit einem Pflanzenfett gemischt werden, um die Extraktion der Wirkstoffe zu verbessern
art: the container is flushed with nitrogen before sealing | le récipient est balayé à l'azote avant fermeture | der Behälter vor dem Verschließen mit Stickstoff gespült wird
"""),
    method=T("process for preparing a plant-based formulation | procédé de préparation d'une formulation d'origine végétale | Verfahren zur Herstellung einer pflanzlichen Formulierung"),
    steps=TT("""
drying and grinding the plant material | sécher et broyer la matière végétale | Trocknen und Mahlen des Pflanzenmaterials
neem,larv,art: extracting the ground material with a solvent | extraire la matière broyée avec un solvant | Extrahieren des gemahlenen Materials mit einem Lösungsmittel
filtering the extract | filtrer l'extrait | Filtrieren des Extrakts
neem,larv: mixing the extract with an emulsifier and a carrier | mélanger l'extrait avec un émulsifiant et un support | Mischen des Extrakts mit einem Emulgator und einem Träger
mor: pressing the ground seeds to remove the oil | presser les graines broyées pour en retirer l'huile | Pressen der gemahlenen Samen zur Entfernung des Öls
mor: suspending the press cake in a saline solution | mettre le tourteau en suspension dans une solution saline | Suspendieren des Presskuchens in einer Salzlösung
art: filling doses of powdered leaves into tea bags | conditionner des doses de feuilles en poudre en sachets-doses | Abfüllen von Dosen pulverisierter Blätter in Teebeutel
packaging the formulation in light-proof containers | conditionner la formulation dans des récipients opaques | Abfüllen der Formulierung in lichtdichte Behälter
"""),
    problems=TT("""
neem,larv: Synthetic pesticides are costly for smallholders and leave residues on vegetables sold in local markets. | Les pesticides de synthèse sont coûteux pour les petits producteurs et laissent des résidus sur les légumes vendus sur les marchés locaux.
neem,larv: Azadirachtin degrades within hours when exposed to sunlight, which limits the field persistence of neem preparations. | L'azadirachtine se dégrade en quelques heures sous l'effet de la lumière solaire, ce qui limite la persistance des préparations de neem au champ.
Home-made plant extracts vary widely in strength from one batch to the next. | Les extraits végétaux artisanaux varient fortement en concentration d'un lot à l'autre.
mor: Aluminium sulphate used to clarify turbid water is often unavailable or unaffordable in rural households. | Le sulfate d'aluminium utilisé pour clarifier l'eau turbide est souvent indisponible ou inabordable pour les ménages ruraux.
art: Access to artemisinin-based medicines is limited in remote areas, and herbal preparations made at home are rarely standardised. | L'accès aux médicaments à base d'artémisinine est limité dans les zones isolées, et les préparations artisanales sont rarement standardisées.
"""),
    advs=TT("""
can be produced by village cooperatives from locally grown plants | se prépare en coopérative villageoise à partir de plantes cultivées localement
keeps its activity for at least one year of storage | conserve son activité pendant au moins un an de stockage
neem,larv: leaves no toxic residue on food crops | ne laisse aucun résidu toxique sur les cultures vivrières
gives reproducible results from batch to batch | donne des résultats reproductibles d'un lot à l'autre
mor: clarifies turbid water without chemicals bought outside the village | clarifie l'eau turbide sans produits chimiques achetés hors du village
"""),
    details=TT("""
larv,neem: In laboratory bioassays, the LC50 against third-instar larvae was {8-60} mg/L after 24 hours. | Lors de bioessais en laboratoire, la CL50 sur larves de troisième stade était de {8-60} mg/L après 24 heures.
neem,larv: After {6-18} months at ambient temperature, the formulation retained {70-95} % of its initial azadirachtin content. | Après {6-18} mois à température ambiante, la formulation conservait {70-95} % de sa teneur initiale en azadirachtine.
mor: A dose of {50-200/10} mg of seed powder per litre reduced turbidity from {50-300/10} NTU to below {3-9} NTU within one hour. | Une dose de {50-200/10} mg de poudre de graines par litre a réduit la turbidité de {50-300/10} NTU à moins de {3-9} NTU en une heure.
neem: Spraying at {3-10} % every {7-14} days reduced aphid numbers on cowpea by {50-85} %. | Une pulvérisation à {3-10} % tous les {7-14} jours a réduit de {50-85} % les populations de pucerons sur le niébé.
art: Each tea bag contained {1-3} g of leaf powder with an artemisinin content of {0.3-1.2/0.1} % by weight. | Chaque sachet-dose contenait {1-3} g de poudre de feuilles à une teneur en artémisinine de {0.3-1.2/0.1} % en poids.
The formulation was prepared in batches of {20-200/10} litres by a cooperative of {12-60} members. | La formulation a été préparée par lots de {20-200/10} litres par une coopérative de {12-60} membres.
mor: The treated water was left to settle for {30-90/10} minutes before being poured off. | L'eau traitée a été laissée à décanter {30-90/10} minutes avant d'être transvasée.
"""),
)

TOPICS["cas"] = dict(
    name="cassava processing",
    ipc=["A23L 19/10", "A23N 5/00", "A23N 15/00", "A23L 5/20", "B02C 18/00", "F26B 17/10"],
    field=T("the processing of cassava roots into safe, storable food products | la transformation des racines de manioc en produits alimentaires sûrs et conservables"),
    devices=TT("""
grate: cassava grating machine | râpeuse à manioc | f | Maniokreibemaschine | machine | Râpeuse | Reibemaschine
peel: cassava peeling device | dispositif d'épluchage du manioc | m | Maniokschälvorrichtung | device | Dispositif | Schälvorrichtung
press: cassava mash pressing apparatus | appareil de pressage de pulpe de manioc | m | Vorrichtung zum Pressen von Maniokbrei | apparatus | Appareil | Pressvorrichtung
dry: flash dryer for cassava flour | séchoir flash pour farine de manioc | m | Stromtrockner für Maniokmehl | dryer | Séchoir | Stromtrockner
detox: cassava detoxification unit | unité de détoxification du manioc | f | Maniok-Entgiftungsanlage | unit | Unité | Entgiftungsanlage
roast: gari roasting apparatus | appareil de torréfaction du gari | m | Garirostvorrichtung | apparatus | Appareil | Röstvorrichtung
"""),
    quals=TT("""
grate: with interchangeable grating sheets | à tôles de râpage interchangeables | mit austauschbaren Reibblechen
grate,peel,press: driven by a small engine or an electric motor | à entraînement par petit moteur thermique ou électrique | angetrieben durch einen kleinen Verbrennungs- oder Elektromotor
detox,press: reducing the cyanogenic glucoside content | réduisant la teneur en glucosides cyanogènes | zur Verringerung des Gehalts an cyanogenen Glykosiden
grate,press,roast,detox: for village-scale production of gari and attiéké | pour la production villageoise de gari et d'attiéké | für die dörfliche Herstellung von Gari und Attiéké
roast,detox: with a mechanical stirring paddle | avec palette d'agitation mécanique | mit mechanischem Rührpaddel
peel,grate: with a washing stage | avec étage de lavage | mit Waschstufe
dry: with a peel-fired air heater | avec générateur d'air chaud alimenté par les épluchures | mit schalenbefeuertem Lufterhitzer
dry,roast: fired with processing residues | chauffé par les résidus de transformation | mit Befeuerung durch Verarbeitungsreststoffe
"""),
    comps=TT("""
grate,peel,dry: a hopper | une trémie | einen Einfülltrichter
grate: a rotating drum* covered with a perforated grating sheet | un tambour rotatif* recouvert d'une tôle de râpage perforée | eine mit einem gelochten Reibblech bespannte rotierende Trommel
press,detox: a screw press | une presse à vis | eine Schneckenpresse
detox,press: a fermentation tank* with a drain | une cuve de fermentation* munie d'une vidange | einen Fermentationsbehälter mit Ablauf
roast: a heated roasting pan | une poêle de torréfaction chauffée | eine beheizte Röstpfanne
roast,detox: a stirring paddle* driven by a crank | une palette d'agitation* entraînée par une manivelle | ein über eine Kurbel angetriebenes Rührpaddel
dry: a cyclone separator | un séparateur cyclonique | einen Zyklonabscheider
dry,roast: a hot-air generator* burning cassava peels | un générateur d'air chaud* brûlant des épluchures de manioc | einen mit Maniokschalen befeuerten Heißlufterzeuger
peel: a pair of counter-rotating abrasive rollers | une paire de rouleaux abrasifs contrarotatifs | ein Paar gegenläufiger Schleifwalzen
grate,roast,detox: a sieve* for separating fibres | un tamis* pour séparer les fibres | ein Sieb zum Abtrennen von Fasern
grate,peel: a frame* made of welded angle iron | un bâti* en cornières soudées | einen Rahmen aus verschweißtem Winkelstahl
grate,peel,press: a belt drive* with a guard | une transmission par courroie* munie d'un carter | einen Riemenantrieb mit Schutzabdeckung
grate: a pusher block* for pressing the roots against the drum | un poussoir* pressant les racines contre le tambour | einen Andrückblock zum Andrücken der Wurzeln an die Trommel
peel: a water spray bar* above the rollers | une rampe d'arrosage* au-dessus des rouleaux | einen Sprühbalken oberhalb der Walzen
press: a perforated cage* receiving bags of mash | une cage perforée* recevant des sacs de pulpe | einen gelochten Korb zur Aufnahme von Breisäcken
press,detox: a juice collection tray | un bac de récupération du jus | eine Saftauffangwanne
dry: a drying column | une colonne de séchage | eine Trocknungssäule
dry: a hammer mill* upstream of the column | un broyeur à marteaux* en amont de la colonne | eine der Säule vorgeschaltete Hammermühle
dry: a centrifugal fan | un ventilateur centrifuge | einen Radialventilator
roast: an enclosed firebox* with a chimney | un foyer fermé* muni d'une cheminée | eine geschlossene Feuerung mit Kamin
"""),
    feats=TT("""
grate: the grating sheet is made of stainless steel so that the mash is not discoloured by rust | la tôle de râpage est en acier inoxydable de sorte que la pulpe n'est pas colorée par la rouille | das Reibblech aus Edelstahl besteht, sodass der Brei nicht durch Rost verfärbt wird
detox,press: the mash is held in the fermentation tank for 48 to 72 hours so that endogenous linamarase degrades the cyanogenic glucosides | la pulpe est maintenue dans la cuve de fermentation pendant 48 à 72 heures de sorte que la linamarase endogène dégrade les glucosides cyanogènes | der Brei 48 bis 72 Stunden im Fermentationsbehälter verbleibt, sodass die endogene Linamarase die cyanogenen Glykoside abbaut
detox,dry: the flour is wetted to a moisture content of about 30 percent and spread in a thin layer so that hydrogen cyanide escapes | la farine est humidifiée à une teneur en eau d'environ 30 % et étalée en couche mince pour que le cyanure d'hydrogène s'échappe | das Mehl auf einen Feuchtegehalt von etwa 30 Prozent befeuchtet und dünn ausgebreitet wird, damit Cyanwasserstoff entweicht
press,detox: the screw press reduces the moisture content of the mash to below 45 percent | la presse à vis réduit la teneur en eau de la pulpe à moins de 45 % | die Schneckenpresse den Feuchtegehalt des Breis auf unter 45 Prozent senkt
roast: the paddle sweeps the pan continuously so that the gari is roasted evenly without scorching | la palette balaie la poêle en continu de sorte que le gari est torréfié uniformément sans brûler | das Paddel die Pfanne kontinuierlich überstreicht, sodass das Gari gleichmäßig ohne Anbrennen geröstet wird
dry: the hot air enters the drying column at 140 to 180 °C and the flour leaves it within a few seconds | l'air chaud entre dans la colonne de séchage entre 140 et 180 °C et la farine en ressort en quelques secondes | die Heißluft mit 140 bis 180 °C in die Trocknungssäule eintritt und das Mehl diese innerhalb weniger Sekunden verlässt
peel: the gap between the abrasive rollers is adjustable to the diameter of the roots | l'écartement des rouleaux abrasifs est réglable selon le diamètre des racines | der Spalt zwischen den Schleifwalzen an den Wurzeldurchmesser anpassbar ist
grate,peel: the drum can be removed without tools for washing at the end of each day | le tambour peut être démonté sans outil pour le lavage en fin de journée | die Trommel zur Reinigung am Ende jedes Tages werkzeuglos ausgebaut werden kann
grate,detox,roast: the fibres retained by the sieve are collected for animal feed | les fibres retenues par le tamis sont recueillies pour l'alimentation animale | die vom Sieb zurückgehaltenen Fasern als Tierfutter gesammelt werden
grate: the pusher block keeps the fingers of the operator away from the drum | le poussoir maintient les doigts de l'opératrice à l'écart du tambour | der Andrückblock die Finger der Bedienperson von der Trommel fernhält
grate,peel,press: the machine can be driven either by a petrol engine or by an electric motor through the same belt drive | la machine peut être entraînée par un moteur à essence ou par un moteur électrique au moyen de la même transmission | die Maschine über denselben Riemenantrieb wahlweise von einem Benzinmotor oder einem Elektromotor angetrieben werden kann
peel: the rollers rotate at different speeds so that the peel is torn off without removing the flesh | les rouleaux tournent à des vitesses différentes de sorte que la peau est arrachée sans enlever la chair | die Walzen mit unterschiedlichen Drehzahlen laufen, sodass die Schale abgerissen wird, ohne das Fruchtfleisch abzutragen
peel: the water spray washes the roots while they are peeled | l'arrosage lave les racines pendant leur épluchage | der Sprühbalken die Wurzeln während des Schälens wäscht
press: the cage receives several stacked bags separated by wooden boards | la cage reçoit plusieurs sacs empilés séparés par des planches | der Korb mehrere gestapelte, durch Holzbretter getrennte Säcke aufnimmt
press,detox: the juice is collected so that starch can be recovered from it | le jus est recueilli afin d'en récupérer l'amidon | der Saft gesammelt wird, um daraus Stärke zu gewinnen
dry: the air heater uses a heat exchanger so that the flour never contacts combustion gases | le générateur d'air chaud utilise un échangeur de sorte que la farine n'est jamais en contact avec les fumées | der Heißlufterzeuger einen Wärmetauscher nutzt, sodass das Mehl nie mit Rauchgasen in Berührung kommt
dry: the cyclone separates the dried flour from the air stream | le cyclone sépare la farine séchée du flux d'air | der Zyklon das getrocknete Mehl vom Luftstrom trennt
roast: the pan is heated by the enclosed firebox, which uses a third less wood than an open hearth | la poêle est chauffée par le foyer fermé, qui consomme un tiers de bois de moins qu'un foyer ouvert | die Pfanne von der geschlossenen Feuerung beheizt wird, die ein Drittel weniger Holz verbraucht als eine offene Feuerstelle
roast: the roasted gari is discharged through a sliding gate in the pan | le gari torréfié est évacué par une trappe coulissante de la poêle | das geröstete Gari über einen Schieber in der Pfanne ausgetragen wird
"""),
    method=T("method of processing cassava roots | procédé de transformation des racines de manioc | Verfahren zur Verarbeitung von Maniokwurzeln"),
    steps=TT("""
peeling and washing the roots | éplucher et laver les racines | Schälen und Waschen der Wurzeln
grating the roots into a mash | râper les racines pour obtenir une pulpe | Reiben der Wurzeln zu einem Brei
fermenting the mash | fermenter la pulpe | Fermentieren des Breis
pressing the fermented mash to remove liquid | presser la pulpe fermentée pour en retirer le liquide | Pressen des fermentierten Breis zur Entfernung von Flüssigkeit
drying or roasting the pressed mash | sécher ou torréfier la pulpe pressée | Trocknen oder Rösten des gepressten Breis
"""),
    problems=TT("""
Cassava roots deteriorate within two or three days of harvest and must be processed quickly. | Les racines de manioc se détériorent dans les deux ou trois jours suivant la récolte et doivent être transformées rapidement.
Bitter cassava varieties contain cyanogenic glucosides, and insufficient processing leaves residual cyanide that causes konzo and chronic poisoning. | Les variétés de manioc amer contiennent des glucosides cyanogènes, et une transformation insuffisante laisse du cyanure résiduel responsable du konzo et d'intoxications chroniques.
grate,peel: Manual grating on perforated tins is slow and frequently injures the hands of the women who do most of the work. | Le râpage manuel sur des tôles perforées est lent et blesse fréquemment les mains des femmes qui assurent l'essentiel du travail.
dry,roast,detox: Sun drying on the ground exposes the product to dust, rain and animals. | Le séchage au soleil à même le sol expose le produit à la poussière, à la pluie et aux animaux.
peel: Peeling with a knife takes a large share of the processing time and wastes up to a quarter of the root. | L'épluchage au couteau absorbe une grande part du temps de transformation et gaspille jusqu'au quart de la racine.
press: Dewatering the mash under stones or logs takes several days and encourages spoilage. | L'égouttage de la pulpe sous des pierres ou des rondins prend plusieurs jours et favorise les altérations.
"""),
    advs=TT("""
increases the throughput of a processing group several fold | multiplie le débit d'un groupement de transformation
detox,press,dry,roast: brings residual cyanide below the limit of 10 mg per kg | ramène le cyanure résiduel sous la limite de 10 mg par kg
can be built by local metal workshops | se fabrique dans des ateliers métalliques locaux
produces a clean, uniform product for urban markets | fournit un produit propre et homogène pour les marchés urbains
"""),
    details=TT("""
grate: The machine grated {300-1200/50} kg of peeled roots per hour with a {3-9} kW engine. | La machine a râpé {300-1200/50} kg de racines épluchées par heure avec un moteur de {3-9} kW.
detox,press,roast,dry: Total cyanide fell from {60-400/10} mg/kg in the fresh roots to {3-9} mg/kg in the finished product. | Le cyanure total est passé de {60-400/10} mg/kg dans les racines fraîches à {3-9} mg/kg dans le produit fini.
dry: The flash dryer produced {100-500/10} kg of flour per hour at a final moisture content of {9-13} %. | Le séchoir flash a produit {100-500/10} kg de farine par heure à une teneur en eau finale de {9-13} %.
roast: Roasting a batch of {10-40/5} kg took {15-40/5} minutes instead of more than an hour by hand. | La torréfaction d'un lot de {10-40/5} kg a pris {15-40/5} minutes au lieu de plus d'une heure à la main.
peel: The device peeled {200-800/50} kg of roots per hour with a peel loss of {8-15} %. | Le dispositif a épluché {200-800/50} kg de racines par heure avec une perte à l'épluchage de {8-15} %.
press: The press brought a {50-150/10} kg load of mash to {38-45} % moisture in {20-60/5} minutes. | La presse a ramené une charge de {50-150/10} kg de pulpe à {38-45} % d'humidité en {20-60/5} minutes.
The unit was built by a local workshop for about {300-1500/50} US dollars and processes the harvest of {20-80} farming households. | L'unité a été construite par un atelier local pour environ {300-1500/50} dollars US et transforme la récolte de {20-80} ménages agricoles.
"""),
)

TOPICS["dry"] = dict(
    name="solar drying",
    ipc=["F26B 3/28", "F26B 9/06", "A23B 7/02", "F24S 10/50"],
    field=T("the drying of agricultural produce with solar heat | le séchage des produits agricoles par la chaleur solaire"),
    devices=TT("""
indirect solar dryer | séchoir solaire indirect | m | Indirekter Solartrockner | dryer | Séchoir | Trockner
solar tunnel dryer | séchoir solaire tunnel | m | Solar-Tunneltrockner | dryer | Séchoir | Tunneltrockner
"""),
    quals=TT("""
for mango and vegetable slices | pour tranches de mangue et de légumes | für Mango- und Gemüsescheiben
with a biomass back-up heater | avec appoint de chaleur à biomasse | mit Biomasse-Zusatzheizung
with a photovoltaic-driven fan | avec ventilateur alimenté par panneau photovoltaïque | mit photovoltaisch betriebenem Ventilator
"""),
    comps=TT("""
an air heating collector* having a black absorber plate | un capteur à air* muni d'une plaque absorbante noire | einen Luftkollektor mit schwarzer Absorberplatte
a drying cabinet* with stacked mesh trays | une armoire de séchage* à claies grillagées superposées | einen Trockenschrank mit gestapelten Gitterhorden
a chimney* for exhausting humid air | une cheminée* d'évacuation de l'air humide | einen Kamin zur Abführung feuchter Luft
a fan* powered by a photovoltaic module | un ventilateur* alimenté par un module photovoltaïque | einen von einem Photovoltaikmodul betriebenen Ventilator
a transparent polyethylene cover | une couverture transparente en polyéthylène | eine transparente Polyethylenabdeckung
"""),
    feats=TT("""
the fan speed increases with irradiance so that the air temperature in the cabinet stays between 50 and 65 °C | la vitesse du ventilateur augmente avec l'éclairement de sorte que la température de l'air dans l'armoire reste entre 50 et 65 °C | die Ventilatordrehzahl mit der Einstrahlung steigt, sodass die Lufttemperatur im Schrank zwischen 50 und 65 °C bleibt
the trays are rotated from bottom to top during the day so that all products dry evenly | les claies sont permutées de bas en haut au cours de la journée de sorte que tous les produits sèchent uniformément | die Horden im Tagesverlauf von unten nach oben umgesetzt werden, sodass alle Produkte gleichmäßig trocknen
the product is shielded from direct sunlight to preserve its colour and vitamin content | le produit est protégé du rayonnement direct afin de préserver sa couleur et sa teneur en vitamines | das Produkt vor direkter Sonnenstrahlung geschützt wird, um Farbe und Vitamingehalt zu erhalten
insect screens cover every air inlet | des moustiquaires couvrent chaque entrée d'air | Insektenschutzgitter jede Lufteintrittsöffnung abdecken
"""),
    method=T("method of drying fruit slices | procédé de séchage de tranches de fruits | Verfahren zum Trocknen von Fruchtscheiben"),
    steps=TT("""
slicing the fruit to a uniform thickness | trancher les fruits à une épaisseur uniforme | Schneiden der Früchte in gleichmäßige Scheiben
placing the slices on mesh trays | disposer les tranches sur des claies grillagées | Auflegen der Scheiben auf Gitterhorden
heating air in a solar collector | chauffer de l'air dans un capteur solaire | Erwärmen von Luft in einem Solarkollektor
passing the heated air through the trays | faire passer l'air chauffé à travers les claies | Durchleiten der erwärmten Luft durch die Horden
"""),
    problems=TT("""
Open-air sun drying is slow and exposes fruit to insects, dust and sudden rain. | Le séchage à l'air libre est lent et expose les fruits aux insectes, à la poussière et aux averses soudaines.
A large share of the mango harvest is lost because fresh fruit cannot reach distant markets in time. | Une grande partie de la récolte de mangues est perdue faute de pouvoir atteindre à temps les marchés éloignés.
"""),
    advs=TT("""
halves the drying time compared with open sun drying | réduit de moitié le temps de séchage par rapport au séchage à l'air libre
yields a product of export quality | donne un produit de qualité exportable
"""),
    details=TT("""
A dryer with {4-20/2} m2 of trays dried {40-200/10} kg of fresh mango slices to {10-15} % moisture in {1-3} days. | Un séchoir de {4-20/2} m2 de claies a séché {40-200/10} kg de tranches de mangue fraîche jusqu'à {10-15} % d'humidité en {1-3} jours.
The collector raised the air temperature by {15-35} K above ambient at noon. | Le capteur a élevé la température de l'air de {15-35} K au-dessus de l'ambiante à midi.
"""),
)

TOPICS["filt"] = dict(
    name="ceramic water filters",
    ipc=["C02F 1/00", "B01D 39/20", "C02F 1/50", "B01D 29/00"],
    field=T("household treatment of drinking water | le traitement domestique de l'eau de boisson"),
    devices=TT("""
ceramic pot water filter | filtre à eau en céramique | m | Keramik-Topfwasserfilter | filter | Filtre | Filter
household ceramic candle filter unit | unité de filtration domestique à bougie céramique | f | Haushaltsfiltereinheit mit Keramikkerze | unit | Unité | Filtereinheit
"""),
    quals=TT("""
impregnated with colloidal silver | à imprégnation d'argent colloïdal | mit kolloidalem Silber imprägniert
made from clay and rice husk | en argile et balle de riz | aus Ton und Reisspelzen hergestellt
with a flow-rate indicator | avec indicateur de débit | mit Durchflussanzeige
"""),
    comps=TT("""
a porous ceramic element* fired from clay mixed with a combustible material | un élément céramique poreux* cuit à partir d'argile mélangée à une matière combustible | ein poröses Keramikelement aus mit brennbarem Material gemischtem, gebranntem Ton
a receptacle* with a tap | un récipient* muni d'un robinet | einen Auffangbehälter mit Zapfhahn
a lid | un couvercle | einen Deckel
a float* indicating the water level | un flotteur* indiquant le niveau d'eau | einen den Wasserstand anzeigenden Schwimmer
"""),
    feats=TT("""
the ceramic element is coated with colloidal silver at a loading of 10 to 50 mg per element | l'élément céramique est revêtu d'argent colloïdal à raison de 10 à 50 mg par élément | das Keramikelement mit 10 bis 50 mg kolloidalem Silber pro Element beschichtet ist
the combustible material is rice husk sieved to a particle size below one millimetre | la matière combustible est de la balle de riz tamisée à une granulométrie inférieure à un millimètre | das brennbare Material auf eine Korngröße unter einem Millimeter gesiebte Reisspelze ist
the flow rate through a new element is between one and three litres per hour | le débit à travers un élément neuf est compris entre un et trois litres par heure | der Durchfluss durch ein neues Element zwischen einem und drei Litern pro Stunde liegt
the tap is placed so that the receptacle cannot be recontaminated by dipping cups | le robinet est placé de sorte que le récipient ne puisse être recontaminé par des gobelets | der Zapfhahn so angeordnet ist, dass der Behälter nicht durch eingetauchte Becher rekontaminiert werden kann
"""),
    method=T("method of manufacturing a ceramic filter element | procédé de fabrication d'un élément filtrant en céramique | Verfahren zur Herstellung eines keramischen Filterelements"),
    steps=TT("""
mixing clay with a sieved combustible material | mélanger de l'argile avec une matière combustible tamisée | Mischen von Ton mit einem gesiebten brennbaren Material
pressing the mixture in a mould | presser le mélange dans un moule | Pressen der Mischung in einer Form
firing the pressed element in a kiln | cuire l'élément pressé dans un four | Brennen des gepressten Elements in einem Ofen
applying a silver solution to the fired element | appliquer une solution d'argent sur l'élément cuit | Aufbringen einer Silberlösung auf das gebrannte Element
"""),
    problems=TT("""
Boiling water over wood fires is costly and contributes to deforestation and indoor air pollution. | Faire bouillir l'eau sur un feu de bois est coûteux et contribue à la déforestation et à la pollution de l'air intérieur.
Water collected from shallow wells and rivers is often contaminated with faecal bacteria. | L'eau puisée dans les puits peu profonds et les rivières est souvent contaminée par des bactéries fécales.
"""),
    advs=TT("""
removes more than 99 percent of Escherichia coli | élimine plus de 99 % d'Escherichia coli
can be produced by local potters | se fabrique chez des potiers locaux
"""),
    details=TT("""
In tests with river water, the filter achieved a log reduction value of {2-4}.{1-9} for Escherichia coli. | Lors d'essais avec de l'eau de rivière, le filtre a atteint une réduction logarithmique de {2-4},{1-9} pour Escherichia coli.
Elements fired at {850-950/10} °C produced {10-30} litres of water per day for a household of {5-9} people. | Des éléments cuits à {850-950/10} °C ont produit {10-30} litres d'eau par jour pour un ménage de {5-9} personnes.
"""),
)

TOPICS["cool"] = dict(
    name="evaporative coolers",
    ipc=["F25D 7/00", "F25D 31/00", "A23B 7/04", "F28C 1/00"],
    field=T("the cool storage of fresh produce without electricity | la conservation au frais des produits frais sans électricité"),
    devices=TT("""
evaporative cooling chamber for vegetables | chambre de refroidissement par évaporation pour légumes | f | Verdunstungskühlkammer für Gemüse | chamber | Chambre | Kühlkammer
pot-in-pot evaporative cooler | refroidisseur par évaporation à double jarre | m | Topf-in-Topf-Verdunstungskühler | cooler | Refroidisseur | Kühler
"""),
    quals=TT("""
with a wet sand jacket | à enveloppe de sable humide | mit feuchtem Sandmantel
with a wicking water supply | avec alimentation en eau par mèche | mit Dochtwasserversorgung
"""),
    comps=TT("""
an outer clay vessel | un récipient extérieur en argile | ein äußeres Tongefäß
an inner clay vessel | un récipient intérieur en argile | ein inneres Tongefäß
a layer of wet sand* between the vessels | une couche de sable humide* entre les récipients | eine Schicht aus feuchtem Sand zwischen den Gefäßen
a damp cloth cover | une couverture en tissu humide | eine feuchte Stoffabdeckung
a water reservoir* feeding a wick | un réservoir d'eau* alimentant une mèche | einen einen Docht speisenden Wasserbehälter
"""),
    feats=TT("""
evaporation of water from the outer surface lowers the temperature inside the inner vessel by 8 to 15 K in dry weather | l'évaporation de l'eau à la surface extérieure abaisse la température à l'intérieur du récipient intérieur de 8 à 15 K par temps sec | die Verdunstung von Wasser an der Außenfläche die Temperatur im inneren Gefäß bei trockenem Wetter um 8 bis 15 K senkt
the wick keeps the sand moist without daily refilling by hand | la mèche maintient le sable humide sans remplissage manuel quotidien | der Docht den Sand ohne tägliches Nachfüllen von Hand feucht hält
the cooler is placed in a shaded and ventilated location | le refroidisseur est placé dans un endroit ombragé et ventilé | der Kühler an einem schattigen und belüfteten Ort aufgestellt wird
the inner vessel is glazed on its inside so that the produce stays clean | le récipient intérieur est émaillé à l'intérieur afin que les produits restent propres | das innere Gefäß innen glasiert ist, damit das Erntegut sauber bleibt
"""),
    method=T("method of storing vegetables | procédé de conservation de légumes | Verfahren zum Lagern von Gemüse"),
    steps=TT("""
placing the produce in the inner vessel | placer les produits dans le récipient intérieur | Einlegen des Ernteguts in das innere Gefäß
wetting the sand layer | humidifier la couche de sable | Befeuchten der Sandschicht
covering the vessels with a damp cloth | couvrir les récipients d'un tissu humide | Abdecken der Gefäße mit einem feuchten Tuch
"""),
    problems=TT("""
Tomatoes and leafy vegetables spoil within a few days in hot climates, and rural traders have no access to refrigeration. | Les tomates et les légumes-feuilles s'abîment en quelques jours en climat chaud, et les commerçants ruraux n'ont pas accès à la réfrigération.
Farmers sell their vegetables at low prices immediately after harvest because they cannot store them. | Les producteurs vendent leurs légumes à bas prix dès la récolte, faute de pouvoir les conserver.
"""),
    advs=TT("""
extends the shelf life of tomatoes from a few days to several weeks | prolonge la durée de conservation des tomates de quelques jours à plusieurs semaines
needs no electricity and only a few litres of water per day | ne consomme pas d'électricité et seulement quelques litres d'eau par jour
"""),
    details=TT("""
Tomatoes kept in the cooler remained marketable for {14-28} days, against {3-7} days at ambient temperature. | Les tomates conservées dans le refroidisseur sont restées commercialisables pendant {14-28} jours, contre {3-7} jours à température ambiante.
The relative humidity inside the inner vessel stayed above {85-95} %. | L'humidité relative dans le récipient intérieur est restée supérieure à {85-95} %.
"""),
)

# ------------------------------------------------------------------------------------------------
# People and organisations (all invented)
# ------------------------------------------------------------------------------------------------
FIRST = {
    "KE": "Wanjiru Otieno Achieng Kamau Njeri Kiprono Mwende Odhiambo Wambui Chebet",
    "SN": "Mamadou Aïssatou Ousmane Fatou Cheikh Awa Ibrahima Ndèye Moussa Khady",
    "FR": "Camille Julien Hélène François Élodie Thomas Sophie Mathieu Anne-Laure Benoît",
    "DE": "Jürgen Katrin Matthias Sabine Tobias Anja Stefan Birgit",
    "IN": "Anand Priya Suresh Kavita Rajesh Meera Vikram Lakshmi Arjun Sunita",
    "BR": "João Fernanda Marcos Juliana Luiz Rafael Patrícia Thiago",
    "MA": "Youssef Karim Nadia Hicham Salma Meryem",
    "PE": "Luis Rosa Jorge Carmen Miguel Lucía",
    "US": "Karen Michael David Jennifer Robert Laura James Emily",
    "CI": "Koffi Adjoua Yao Aya Konan", "CM": "Paul Clarisse Emmanuel Béatrice Hervé", "GH": "Kwame Akosua Kofi Ama Yaw",
    "BF": "Issa Mariam Boukary Salimata Adama", "ML": "Bakary Oumou Seydou Kadiatou", "UG": "Brian Harriet Moses Esther",
    "TZ": "Juma Neema Baraka Rehema",
    "NG": "Chinedu Adebayo Ngozi Emeka Funmilayo",
}
LAST = {
    "KE": "Kamau Otieno Mwangi Ochieng Kiprotich Wafula Njoroge Mutiso Chege Omondi",
    "SN": "Ndiaye Diop Fall Sow Sarr Faye Diallo Mbaye Gueye Ba",
    "FR": "Martin Lefèvre Moreau Girard Rousseau Fontaine Chevalier Garnier Mercier Lambert",
    "DE": "Schäfer Becker Hoffmann Wagner Krüger Neumann Schröder Zimmermann",
    "IN": "Patil Sharma Iyer Reddy Deshpande Nair Kulkarni Rao Gupta Menon",
    "BR": "Oliveira Santos Souza Ferreira Almeida Carvalho Ribeiro Barbosa",
    "MA": "Amrani Benali Bennani Ouazzani Tazi Idrissi",
    "PE": "Quispe Mamani Huamán Flores Condori Vargas",
    "US": "Miller Johnson Anderson Carter Nguyen Brooks Hughes Foster",
    "CI": "Kouassi Koné Kouamé Bamba Yao", "CM": "Mbarga Tchoumi Fotso Ngono Essomba", "GH": "Mensah Boateng Owusu Asante Osei",
    "BF": "Ouédraogo Sawadogo Kaboré Traoré Compaoré", "ML": "Coulibaly Keïta Diarra Touré Sangaré", "UG": "Okello Namubiru Mugisha Tumusiime",
    "TZ": "Mushi Swai Mollel Massawe",
    "NG": "Okonkwo Adeyemi Eze Balogun Okafor",
}
CITY = {"KE": "Nairobi Nakuru Kisumu Eldoret Machakos", "SN": "Dakar Thiès Saint-Louis Kaolack",
        "FR": "Toulouse Montpellier Lyon Grenoble Nantes", "DE": "Hamburg Freiburg Kassel Stuttgart Bremen",
        "IN": "Pune Jalgaon Bengaluru Hyderabad Coimbatore", "BR": "Petrolina Recife Campinas Fortaleza",
        "MA": "Agadir Rabat Marrakech Meknès", "PE": "Arequipa Cusco Lima Piura",
        "US": "Tucson Fresno Seattle Gainesville Davis", "CI": "Abidjan Bouaké Yamoussoukro",
        "NG": "Ibadan Enugu Abeokuta", "CM": "Yaoundé Douala", "GH": "Kumasi Accra Tamale", "BF": "Ouagadougou Bobo-Dioulasso",
        "ML": "Bamako Ségou", "UG": "Kampala Mbarara", "TZ": "Arusha Dodoma"}
COUNTRY_NAME = {"KE": ("Kenya", "Kenya"), "SN": ("Senegal", "Sénégal"), "FR": ("France", "France"),
                "DE": ("Germany", "Allemagne"), "IN": ("India", "Inde"), "BR": ("Brazil", "Brésil"),
                "MA": ("Morocco", "Maroc"), "PE": ("Peru", "Pérou"), "US": ("USA", "États-Unis"),
                "CI": ("Côte d'Ivoire", "Côte d'Ivoire"), "NG": ("Nigeria", "Nigeria"),
                "BF": ("Burkina Faso", "Burkina Faso"), "ML": ("Mali", "Mali")}
# key: (name, city, country, topics)
ORGS = {
    "juamaji": ("Jua Maji Technologies Ltd.", "Nairobi", "KE", "sp"),
    "sashys": ("Société Sahélienne d'Hydraulique Solaire", "Dakar", "SN", "sp"),
    "heliopompe": ("Héliopompe SAS", "Toulouse", "FR", "sp"),
    "sonnenwasser": ("Sonnenwasser Pumpentechnik GmbH", "Freiburg", "DE", "sp dry"),
    "aquasun": ("AquaSun Systems LLC", "Tucson", "US", "sp"),
    "suryajal": ("Suryajal Pumps Pvt. Ltd.", "Pune", "IN", "sp"),
    "sertao": ("Sertão Bombas Solares Ltda.", "Petrolina", "BR", "sp drip"),
    "kisan": ("Kisan Drip Systems Pvt. Ltd.", "Jalgaon", "IN", "drip"),
    "atlas": ("Atlas Goutte-à-Goutte SARL", "Agadir", "MA", "drip"),
    "irrigasud": ("Irrigasud SA", "Montpellier", "FR", "drip"),
    "andes": ("Andes Riego Tecnificado S.A.C.", "Arequipa", "PE", "drip"),
    "bombeo": ("Bombeo Solar Andino S.A.C.", "Arequipa", "PE", "sp drip"),
    "iater": ("Instituto Andino de Tecnologías Apropiadas", "Cusco", "PE", "dry cool filt"),
    "prairie": ("Prairie Micro-Irrigation Inc.", "Fresno", "US", "drip"),
    "diagtrop": ("Diagnostika Tropika GmbH", "Hamburg", "DE", "mal"),
    "clearwell": ("Clearwell Diagnostics, Inc.", "Seattle", "US", "mal"),
    "csdr": ("Centre Sahélien de Diagnostic Rapide", "Dakar", "SN", "mal"),
    "lakeside": ("Lakeside Institute of Tropical Medicine", "Kisumu", "KE", "mal"),
    "sahyadri": ("Sahyadri Diagnostics Pvt. Ltd.", "Pune", "IN", "mal"),
    "neemveda": ("Neemveda Formulations Pvt. Ltd.", "Bengaluru", "IN", "plant"),
    "phytosahel": ("Laboratoires Phytosahel SA", "Montpellier", "FR", "plant"),
    "highlands": ("Highlands University of Agriculture & Technology", "Nakuru", "KE", "plant"),
    "amazonia": ("Instituto Amazônico de Fitoterapia", "Recife", "BR", "plant"),
    "greenleaf": ("GreenLeaf Botanicals Inc.", "Gainesville", "US", "plant"),
    "attieke": ("Attiéké Process SARL", "Abidjan", "CI", "cas"),
    "mandioca": ("Mandioca Tecnologia Industrial Ltda.", "Campinas", "BR", "cas"),
    "garritech": ("Garritech Nigeria Ltd.", "Ibadan", "NG", "cas"),
    "agrimeca": ("Agrimeca Afrique SARL", "Thiès", "SN", "cas dry"),
    "imer": ("Institut Marocain des Énergies Rurales", "Rabat", "MA", "dry cool sp"),
    "terracotta": ("Terracotta Water Works, Inc.", "Tucson", "US", "filt cool"),
    "ferlo": ("Université Polytechnique du Ferlo", "Saint-Louis", "SN", "filt cool drip"),
    "kunde": ("Kunde Filters Ltd.", "Kisumu", "KE", "filt"),
}
COUNTRY_FR_LANG = {"FR", "SN", "MA", "CI"}


class Party:
    def __init__(self, country, org=None, last=None, first=None, city=None):
        self.country, self.org, self.last, self.first, self.city = country, org, last, first, city

    def ep_name(self):
        return self.org if self.org else "%s, %s" % (self.last.upper(), self.first)

    def display(self):
        return self.org or "%s %s" % (self.first, self.last)


def person(rng, country):
    last = rng.choice(LAST[country].split())
    first = rng.choice([f for f in FIRST[country].split() if f != last])
    return Party(country, last=last, first=first, city=rng.choice(CITY[country].split()))


def people(rng, country, n):
    out, seen = [], set()
    while len(out) < n:
        p = person(rng, country)
        if (p.first, p.last) not in seen:
            seen.add((p.first, p.last))
            out.append(p)
    return out


def org_party(key):
    name, city, country, _ = ORGS[key]
    return Party(country, org=name, city=city)


def orgs_for(topic):
    return sorted(k for k, v in ORGS.items() if topic in v[3].split())

# ------------------------------------------------------------------------------------------------
# Journal articles.  Titles: en | fr.  {place}/{country} come from PLACES; {lo-hi} are numbers.
# ------------------------------------------------------------------------------------------------
PLACES = {"KE": "Kitui Makueni Turkana Baringo Kwale", "SN": "Kaolack Fatick Podor Matam Kédougou",
          "BF": "Koudougou Dédougou Kaya", "ML": "Ségou Mopti Sikasso", "NG": "Oyo Benue Enugu Kwara",
          "IN": "Jalgaon Anantapur Nashik Dharwad", "BR": "Bahia Pernambuco Ceará", "PE": "Arequipa Piura Ica",
          "MA": "Souss-Massa Tadla Haouz", "CI": "Bouaké Korhogo Daloa", "GH": "Tamale Techiman",
          "UG": "Mbarara Gulu", "TZ": "Dodoma Morogoro", "CM": "Bafoussam Bertoua"}
COUNTRY_NAME.update({"GH": ("Ghana", "Ghana"), "UG": ("Uganda", "Ouganda"), "TZ": ("Tanzania", "Tanzanie"),
                     "CM": ("Cameroon", "Cameroun")})
STUDY = {}
STUDY["mal"] = dict(
    countries="KE SN BF ML NG UG TZ IN CM".split(), n=16, fr=2,
    titles=TT("""
rdt: Diagnostic accuracy of an HRP2-based rapid diagnostic test for falciparum malaria in health posts of {place}, {country} | Précision diagnostique d'un test de diagnostic rapide fondé sur HRP2 pour le paludisme à falciparum dans les postes de santé de {place}, {country}
heat: Heat stability of malaria rapid diagnostic tests stored in rural health facilities in {country} | Stabilité thermique des tests de diagnostic rapide du paludisme stockés dans des formations sanitaires rurales {au_country}
rdt,phone: Smartphone-assisted reading of malaria rapid tests by community health workers in {place}, {country} | Lecture assistée par téléphone des tests rapides du paludisme par les agents de santé communautaires à {place}, {country}
mic: Light-emitting-diode fluorescence microscopy for the detection of Plasmodium in {country}: a field comparison with Giemsa microscopy | Microscopie à fluorescence par diodes électroluminescentes pour la détection de Plasmodium {au_country} : comparaison de terrain avec la microscopie au Giemsa
mic: Performance of a low-cost clip-on microscope for thin blood smears in {place}, {country} | Performance d'un microscope amovible à bas coût pour frottis minces à {place}, {country}
mic: Quality of malaria microscopy in district laboratories of {country}: a cross-sectional assessment | Qualité de la microscopie du paludisme dans les laboratoires de district {au_country} : une évaluation transversale
"""),
    background=TT("""
Parasitological confirmation of malaria before treatment is recommended, but microscopy is unavailable in many peripheral health facilities. | La confirmation parasitologique du paludisme avant traitement est recommandée, mais la microscopie n'est pas disponible dans de nombreuses formations sanitaires périphériques.
rdt,heat,phone: Rapid diagnostic tests are widely used, yet their performance in the field depends on storage conditions and on the skill of the reader. | Les tests de diagnostic rapide sont largement utilisés, mais leur performance sur le terrain dépend des conditions de stockage et de la compétence du lecteur.
mic: Low-cost optical devices could extend microscopy to settings without electricity or trained staff. | Des dispositifs optiques à bas coût pourraient étendre la microscopie aux structures sans électricité ni personnel formé.
"""),
    methods=TT("""
We enrolled {180-1200/10} febrile patients attending {4-20} health facilities between {month1} and {month2}. | Nous avons inclus {180-1200/10} patients fébriles consultant dans {4-20} formations sanitaires entre {month1} et {month2}.
Each participant was tested with the index test and with expert Giemsa microscopy on thick and thin smears, read blind by two microscopists. | Chaque participant a été testé par le test évalué et par la microscopie experte au Giemsa sur goutte épaisse et frottis mince, lue en aveugle par deux microscopistes.
heat: Tests were stored at the facilities for {3-12} months, and temperature loggers recorded maxima of up to {38-47} °C. | Les tests ont été stockés dans les formations sanitaires pendant {3-12} mois et des enregistreurs ont relevé des maxima atteignant {38-47} °C.
rdt,phone: Community health workers received a {1-3}-day training on test use and reading. | Les agents de santé communautaires ont reçu une formation de {1-3} jours à l'utilisation et à la lecture des tests.
"""),
    results=TT("""
Microscopy detected Plasmodium falciparum in {12-45} % of participants. | La microscopie a détecté Plasmodium falciparum chez {12-45} % des participants.
Sensitivity was {85-98}.{0-9} % and specificity {88-99}.{0-9} % compared with expert microscopy. | La sensibilité était de {85-98},{0-9} % et la spécificité de {88-99},{0-9} % par rapport à la microscopie experte.
Sensitivity fell to {55-80} % at densities below 200 parasites per microlitre. | La sensibilité chutait à {55-80} % pour des densités inférieures à 200 parasites par microlitre.
Agreement between the health workers and the reference readers was high (kappa {0.70-0.95/0.01}). | La concordance entre les agents de santé et les lecteurs de référence était élevée (kappa {0.70-0.95/0.01}).
"""),
    conclusions=TT("""
The device performed well under field conditions and could support malaria case management where microscopy is not available. | Le dispositif s'est bien comporté en conditions de terrain et pourrait appuyer la prise en charge des cas là où la microscopie n'est pas disponible.
rdt,heat,phone: Attention to storage temperature and regular supervision remain necessary to maintain test quality. | Une attention à la température de stockage et une supervision régulière restent nécessaires pour maintenir la qualité des tests.
"""),
    keywords="malaria; rapid diagnostic test; microscopy; Plasmodium falciparum; point of care",
)
STUDY["plant"] = dict(
    countries="KE IN BF NG BR SN TZ GH".split(), n=12, fr=0,
    titles=TT("""
neem,larv: Larvicidal activity of a neem seed oil formulation against Anopheles gambiae larvae in {place}, {country} | -
mor: Moringa oleifera seed extract as a natural coagulant for household water treatment in {country} | -
art: Artemisia annua leaf infusion: artemisinin content and stability under tropical storage conditions | -
crop: Field efficacy of aqueous neem seed kernel extract against cowpea pests in {place}, {country} | -
neem: Photostability of azadirachtin in emulsifiable neem formulations exposed to sunlight | -
morleaf: Quality variation of moringa leaf powder sold in markets of {country} | -
"""),
    background=TT("""
Plant-based products are attractive for smallholders because the raw materials grow locally and can be processed with simple equipment. | -
The activity of botanical preparations is often variable, and few formulations have been tested under field conditions. | -
"""),
    methods=TT("""
Seeds and leaves were collected from {3-12} sites, dried in the shade and extracted with water, ethanol or hexane. | -
larv: Bioassays followed standard protocols with {4-8} concentrations and {3-5} replicates of {20-25} larvae each. | -
crop: Field plots of {20-100/10} m2 were arranged in a randomised complete block design with {3-6} replicates. | -
mor: Turbidity was measured before and after treatment of river water samples ranging from {20-60} to {100-400/10} NTU. | -
art: Artemisinin was quantified by thin-layer chromatography in {12-40} samples of leaves stored for up to {6-12} months. | -
morleaf: Leaf powder was bought from {10-30} market stalls and analysed for moisture, crude protein and microbial load. | -
neem: Thin films of each formulation were exposed to natural sunlight for {2-48} hours and azadirachtin was quantified by liquid chromatography. | -
"""),
    results=TT("""
larv: The LC50 after 24 hours was {10-80} mg/L, and mortality reached {85-100} % at the highest dose. | -
crop: Treated plots yielded {15-60} % more grain than untreated controls. | -
mor: Turbidity was reduced by {80-98} % at the optimal dose, and faecal coliforms by {1-2}.{0-9} log units. | -
neem,art: The active compound content decreased by {20-70} % after {2-12} weeks of storage in clear containers. | -
morleaf: Crude protein ranged from {18-24} to {25-32} %, and {15-50} % of samples exceeded the limit for total aerobic count. | -
art: Infusions prepared from stored leaves contained {20-60} % less artemisinin than infusions of freshly dried material. | -
"""),
    conclusions=TT("""
Locally produced plant extracts offer an affordable option, provided that their quality is standardised. | -
Further work should address formulation stability and scale-up by community groups. | -
"""),
    keywords="neem; Azadirachta indica; Moringa oleifera; Artemisia annua; botanical pesticide; larvicide",
)
STUDY["cas"] = dict(
    countries="NG CI CM GH SN BR TZ UG".split(), n=10, fr=2,
    titles=TT("""
cy: Reduction of total cyanide in cassava flour by the wetting method in villages of {place}, {country} | Réduction du cyanure total dans la farine de manioc par la méthode de mouillage dans les villages de {place}, {country}
cy: Cyanogenic potential of gari and attiéké sold in markets of {country} | Potentiel cyanogène du gari et de l'attiéké vendus sur les marchés {au_country}
mech: Performance of a motorised cassava grater operated by women's groups in {place}, {country} | Performance d'une râpe à manioc motorisée exploitée par des groupements de femmes à {place}, {country}
cy: Konzo and dietary cyanide exposure in cassava-dependent communities of {country} | Konzo et exposition alimentaire au cyanure dans des communautés dépendantes du manioc {au_country}
dry: Drying kinetics of cassava chips in a solar tunnel dryer compared with sun drying | Cinétique de séchage de cossettes de manioc en séchoir solaire tunnel comparée au séchage au soleil
"""),
    background=TT("""
Cassava is a staple food for millions of people, but bitter varieties must be processed to remove cyanogenic glucosides. | Le manioc est un aliment de base pour des millions de personnes, mais les variétés amères doivent être transformées pour éliminer les glucosides cyanogènes.
Traditional processing is labour-intensive and its efficiency in removing cyanide varies widely. | La transformation traditionnelle exige beaucoup de main-d'œuvre et son efficacité à éliminer le cyanure varie fortement.
"""),
    methods=TT("""
cy: Samples from {20-120/5} households or processors were analysed for total cyanide with the picrate paper kit. | Des échantillons de {20-120/5} ménages ou transformatrices ont été analysés pour le cyanure total au moyen du kit au papier picraté.
mech: Processing time, throughput and fuel use were recorded over {2-10} weeks. | La durée de transformation, le débit et la consommation de combustible ont été relevés pendant {2-10} semaines.
dry: Chips of {3-10} mm thickness were dried at loads of {5-20} kg/m2. | Des cossettes de {3-10} mm d'épaisseur ont été séchées à des charges de {5-20} kg/m2.
cy: Flour was wetted, spread in a thin layer and left in the shade for {2-5} hours before sun drying. | La farine a été humidifiée, étalée en couche mince et laissée à l'ombre pendant {2-5} heures avant séchage au soleil.
mech,dry: Operators were interviewed about workload, maintenance costs and income. | Les opératrices ont été interrogées sur la charge de travail, les coûts d'entretien et les revenus.
"""),
    results=TT("""
cy: Mean total cyanide fell from {40-150} mg HCN equivalents per kg to {4-12} mg/kg after processing. | Le cyanure total moyen est passé de {40-150} mg d'équivalent HCN par kg à {4-12} mg/kg après transformation.
mech: The machine increased throughput {3-12}-fold compared with manual grating. | La machine a multiplié le débit par {3-12} par rapport au râpage manuel.
cy: {10-45} % of market samples exceeded the limit of 10 mg/kg. | {10-45} % des échantillons de marché dépassaient la limite de 10 mg/kg.
dry: Drying time to {10-13} % moisture was {8-30} hours shorter than in open sun drying. | Le temps de séchage jusqu'à {10-13} % d'humidité était inférieur de {8-30} heures à celui du séchage au soleil.
"""),
    conclusions=TT("""
cy: Simple improvements to processing can substantially reduce dietary cyanide exposure. | Des améliorations simples de la transformation peuvent réduire fortement l'exposition alimentaire au cyanure.
mech,dry: Mechanisation reduces the workload of women processors and improves product quality. | La mécanisation allège la charge de travail des transformatrices et améliore la qualité des produits.
"""),
    keywords="cassava; Manihot esculenta; cyanide; gari; konzo; food processing",
)
STUDY["sp"] = dict(
    countries="KE SN IN MA BF PE ML".split(), n=7, fr=1,
    titles=TT("""
Technical and economic performance of photovoltaic water pumping for village supply in {place}, {country} | Performances techniques et économiques du pompage photovoltaïque pour l'alimentation en eau des villages à {place}, {country}
Solar versus diesel pumping for smallholder irrigation in {country}: a life-cycle cost comparison | Pompage solaire ou diesel pour la petite irrigation {au_country} : comparaison des coûts sur le cycle de vie
Failure modes of solar water pumps installed at rural boreholes in {country} | Modes de défaillance des pompes solaires installées sur des forages ruraux {au_country}
Groundwater drawdown around solar-pumped irrigation wells in {place}, {country} | Rabattement de la nappe autour de puits d'irrigation équipés de pompes solaires à {place}, {country}
"""),
    background=TT("""
Photovoltaic pumping is increasingly used to supply water to villages and small farms far from the grid. | Le pompage photovoltaïque est de plus en plus utilisé pour alimenter en eau les villages et petites exploitations éloignés du réseau.
Few studies have documented the long-term performance and maintenance needs of these systems. | Peu d'études ont documenté les performances à long terme et les besoins d'entretien de ces systèmes.
"""),
    methods=TT("""
We monitored {8-40} systems with array sizes of {0.6-5.0/0.1} kWp over {12-36} months. | Nous avons suivi {8-40} systèmes d'une puissance de {0.6-5.0/0.1} kWc pendant {12-36} mois.
Daily pumped volume, irradiance and water level were logged at {5-15}-minute intervals. | Le volume pompé journalier, l'éclairement et le niveau d'eau ont été enregistrés à des intervalles de {5-15} minutes.
"""),
    results=TT("""
Systems delivered a mean of {15-70} m3 per day, with a subsystem efficiency of {30-55} %. | Les systèmes ont livré en moyenne {15-70} m3 par jour, avec un rendement du sous-système de {30-55} %.
The levelised cost of water was {20-60} % lower than for diesel pumping. | Le coût actualisé de l'eau était inférieur de {20-60} % à celui du pompage diesel.
Controller failures accounted for {30-60} % of breakdowns. | Les pannes de contrôleur représentaient {30-60} % des défaillances.
"""),
    conclusions=TT("""
Solar pumping is a reliable and economical option, provided that spare parts and trained technicians are available locally. | Le pompage solaire est une option fiable et économique, à condition que des pièces de rechange et des techniciens formés soient disponibles localement.
"""),
    keywords="solar water pumping; photovoltaic; irrigation; rural water supply",
)
STUDY["drip"] = dict(
    countries="KE IN MA PE SN BR BF".split(), n=7, fr=0,
    titles=TT("""
Low-head drip irrigation kits for smallholder vegetable production in {place}, {country} | -
Emitter clogging in drip systems supplied from open wells and ponds | -
Deficit drip irrigation of onion in {country}: yield and water productivity | -
Adoption of affordable micro-irrigation by women farmers in {place}, {country} | -
"""),
    background=TT("""
Drip irrigation saves water and labour, but conventional systems are designed for pressurised supplies and large farms. | -
Low-cost kits have been promoted for smallholders, with mixed results in terms of uptake and durability. | -
"""),
    methods=TT("""
The study compared drip and furrow irrigation on {12-60} farms over {2-4} seasons. | -
Emitter discharge was measured on {30-200/10} emitters per system at the start and end of each season. | -
"""),
    results=TT("""
Water productivity was {1.5-3.5/0.1} times higher under drip irrigation. | -
Yields increased by {10-45} % while labour for irrigation fell by {30-70} %. | -
Emission uniformity declined from {85-95} % to {60-84} % where water was not filtered. | -
"""),
    conclusions=TT("""
Affordable drip kits can raise smallholder incomes if filtration and after-sales support are ensured. | -
"""),
    keywords="drip irrigation; micro-irrigation; smallholder; water productivity",
)
STUDY["dry"] = dict(
    countries="BF ML UG PE".split(), n=3, fr=0,
    titles=TT("""
Quality of mango slices dried in an indirect solar dryer in {place}, {country} | -
Performance of a solar tunnel dryer for vegetables in {country} | -
"""),
    background=TT("""
Solar drying can reduce post-harvest losses of fruit and vegetables in regions with abundant sunshine. | -
"""),
    methods=TT("""
Slices were dried in the dryer and in open sun on {3-10} occasions; moisture, colour and vitamin C were measured. | -
"""),
    results=TT("""
Drying time was reduced by {30-55} % and vitamin C retention improved by {10-35} %. | -
"""),
    conclusions=TT("""
The dryer produced a product of marketable quality and was profitable within {1-3} seasons. | -
"""),
    keywords="solar drying; mango; post-harvest losses",
)
STUDY["filt"] = dict(
    countries="KE TZ GH NG".split(), n=3, fr=0,
    titles=TT("""
Microbiological effectiveness of locally produced ceramic pot filters in {place}, {country} | -
Long-term use of silver-impregnated ceramic water filters in rural households of {country} | -
"""),
    background=TT("""
Household water treatment can reduce diarrhoeal disease where safe piped water is not available. | -
"""),
    methods=TT("""
Filters were followed in {40-200/10} households for {6-24} months; Escherichia coli was measured in source and filtered water. | -
"""),
    results=TT("""
Mean log reduction of Escherichia coli was {1.5-3.5/0.1}, and {50-85} % of filters were still in use at the end of follow-up. | -
"""),
    conclusions=TT("""
Ceramic filters are effective, but breakage and declining use limit their long-term impact. | -
"""),
    keywords="ceramic water filter; household water treatment; Escherichia coli",
)
STUDY["cool"] = dict(
    countries="ML NG BF".split(), n=2, fr=0,
    titles=TT("""
Evaporative clay pot coolers for vegetable storage in {place}, {country} | -
"""),
    background=TT("""
Post-harvest losses of vegetables are high where refrigeration is unavailable. | -
"""),
    methods=TT("""
Tomatoes, carrots and leafy vegetables were stored in coolers and at ambient temperature for {14-28} days. | -
"""),
    results=TT("""
Coolers lowered the storage temperature by {6-14} K and extended shelf life by {5-20} days. | -
"""),
    conclusions=TT("""
Evaporative coolers are an affordable way to reduce losses for small traders. | -
"""),
    keywords="evaporative cooling; zeer pot; post-harvest; vegetables",
)
JOURNALS = [("Journal of Tropical Diagnostics", "2291-4402"), ("African Journal of Rural Engineering", "1834-6670"),
            ("Revue Africaine de Santé Publique", "2117-5593"), ("Tropical Agricultural Water Management", "2468-3140"),
            ("Phytomedicine and Crop Protection in Africa", "2051-8722"), ("Journal of Root and Tuber Processing", "1998-2356"),
            ("Renewable Energy for Development", "2375-0189"), ("Malaria Field Methods", "2633-1055")]
JOURNAL_BY_TOPIC = {"mal": [0, 7, 2], "plant": [4, 2], "cas": [5, 2], "sp": [6, 1], "drip": [3, 1],
                    "dry": [1, 6], "filt": [1, 2], "cool": [1]}

# ------------------------------------------------------------------------------------------------
# Text helpers
# ------------------------------------------------------------------------------------------------
NUM = re.compile(r"\{(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?:/(\d+(?:\.\d+)?))?\}")


def nums(rng, s, fr=False):
    def rep(m):
        lo, hi, st = m.group(1), m.group(2), m.group(3) or "1"
        if "." in lo + hi + st:
            step = float(st)
            v = float(lo) + step * rng.randint(0, int(round((float(hi) - float(lo)) / step)))
            out = "%.*f" % (len(st.split(".")[1]) if "." in st else 1, v)
            return out.replace(".", ",") if fr else out
        return str(rng.randrange(int(lo), int(hi) + 1, int(st)))
    return NUM.sub(rep, s)


def cap(s):
    return s[:1].upper() + s[1:]


def a_(w):
    return ("an " if w[:1].lower() in "aeiou" else "a ") + w


def vowel(w):
    return w[:1].lower() in "aeiouéèêhâîô"


def fr_art(noun, g, definite=True):
    if definite:
        return ("l'" + noun) if vowel(noun) else (("le " if g == "m" else "la ") + noun)
    return ("un " if g == "m" else "une ") + noun


def fr_de(phrase):
    """'de' + phrase with contraction (de le -> du, de les -> des, de un -> d'un)."""
    for a, b in (("le ", "du "), ("les ", "des "), ("un ", "d'un "), ("une ", "d'une "), ("des ", "de ")):
        if phrase.startswith(a):
            return b + phrase[len(a):]
    return ("d'" if vowel(phrase) else "de ") + phrase


def fr_a(phrase):
    for a, b in (("le ", "au "), ("les ", "aux ")):
        if phrase.startswith(a):
            return b + phrase[len(a):]
    return "à " + phrase


def join(items, conj="and"):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " %s %s" % (conj, items[-1])


def au_country(code):
    name = COUNTRY_NAME[code][1]
    fem = name in ("Côte d'Ivoire", "Tanzanie", "Ouganda", "Inde", "France", "Allemagne")
    return ("en " if fem else "au ") + name


class Comp:
    """A claimed component: indefinite phrase with numeral slot, definite short form."""

    def __init__(self, tri, num):
        self.en, self.fr, self.de = tri
        self.num = num

    def full(self, lang, numeral=True):
        s = {"en": self.en, "fr": self.fr, "de": self.de}[lang]
        n = " [%d]" % self.num if numeral else ""
        return s.replace("*", n) if "*" in s else s + n

    def short(self, lang, numeral=True):
        s = {"en": self.en, "fr": self.fr}[lang].split("*")[0]
        n = " [%d]" % self.num if numeral else ""
        if lang == "en":
            for art in ("a ", "an "):
                if s.startswith(art):
                    return "the " + s[len(art):] + n
            return "the " + s + n
        for a, b in (("un ", "le "), ("une ", "la "), ("des ", "les ")):
            if s.startswith(a):
                rest = s[len(a):]
                return (("l'" + rest) if b != "les " and vowel(rest) else b + rest) + n
        return s + n

    def gender(self):
        return "f" if self.fr.startswith("une ") else "m"

# ------------------------------------------------------------------------------------------------
# Inventions and their texts
# ------------------------------------------------------------------------------------------------
TITLES = set()


class Invention:
    def __init__(self, topic, rng, special=None, year=2015):
        t = TOPICS[topic]
        self.topic, self.t, self.special = topic, t, special or {}
        fits = lambda items, tags: [v for v in fits_(items, tags) if year >= 2011 or not MODERN.search(v[0])]
        for _ in range(40):
            self.dev = rng.choice([d for d in t["devices"] if not self.special.get("tag") or self.special["tag"] in d.tags])
            tg = self.dev.tags
            self.qual = rng.choice(fits(t["quals"], tg))
            if rng.random() < 0.12:
                m = t["method"]
                self.qual = V(("and " + m[0], "et " + m[1], "und " + m[2]))
            if self.title("en") not in TITLES:
                break
        TITLES.add(self.title("en"))
        comps, feats = fits(t["comps"], tg), fits(t["feats"], tg)
        k = rng.randint(4, min(6, len(comps)))
        self.comps = [Comp(c, 12 + 2 * i) for i, c in enumerate(rng.sample(comps, k))]
        # prefer features that mention the chosen components (claim 1 uses the first one)
        words = {w for c in self.comps for w in re.findall(r"[a-z]{5,}", c.en)}
        score = lambda f: len(words & set(re.findall(r"[a-z]{5,}", f[0]))) + rng.random()
        self.feats = sorted(feats, key=score, reverse=True)[:rng.randint(min(4, len(feats)), min(7, len(feats)))]
        if self.special.get("feat"):
            self.feats.append(self.special["feat"])
        steps = fits(t["steps"], tg)
        self.steps = rng.sample(steps, min(len(steps), rng.randint(3, 5)))
        self.steps.sort(key=t["steps"].index)
        self.ipc = [t["ipc"][0]] + rng.sample(t["ipc"][1:], rng.randint(1, 2))
        rng.shuffle(self.ipc)

    def title(self, lang):
        en, fr, g, de = self.dev[:4]
        return {"en": cap(en) + " " + self.qual[0], "fr": cap(fr) + " " + self.qual[1],
                "de": de + " " + self.qual[2]}[lang]

    def a_dev(self, lang):
        if lang == "en":
            return a_(self.dev[0])
        return fr_art(self.dev[1], self.dev[2], definite=False)

    def the_dev(self, lang, num=True):
        n = " [10]" if num else ""
        if lang == "en":
            return "the " + self.dev[4] + n
        return fr_art(self.dev[5].lower(), self.dev[2]) + n


def L(tri, lang):
    return tri[0] if lang == "en" else tri[1]


HEADINGS = {
    "us": [["TECHNICAL FIELD", "FIELD OF THE INVENTION", "FIELD"], ["BACKGROUND", "BACKGROUND OF THE INVENTION",
           "DESCRIPTION OF RELATED ART"], ["SUMMARY", "SUMMARY OF THE INVENTION", "BRIEF SUMMARY"],
           ["BRIEF DESCRIPTION OF THE DRAWINGS"], ["DETAILED DESCRIPTION", "DETAILED DESCRIPTION OF EMBODIMENTS"]],
    "en": [["Field of the invention", "Technical field"], ["Background of the invention", "Background art"],
           ["Summary of the invention", "Disclosure of the invention"], ["Brief description of the drawings"],
           ["Description of embodiments", "Detailed description"]],
    "fr": [["Domaine technique", "Domaine de l'invention"], ["État de la technique", "Arrière-plan technologique"],
           ["Exposé de l'invention", "Résumé de l'invention"], ["Brève description des dessins"],
           ["Description détaillée", "Description de modes de réalisation"]],
}
GAP = TT("""
Various arrangements have been proposed to overcome these difficulties, but they remain complex, costly or hard to maintain in rural conditions. | Diverses solutions ont été proposées pour surmonter ces difficultés, mais elles restent complexes, coûteuses ou difficiles à entretenir en milieu rural.
Known solutions generally rely on imported components that are difficult to obtain and to repair locally. | Les solutions connues reposent généralement sur des composants importés, difficiles à obtenir et à réparer localement.
Earlier proposals improved performance in the laboratory but proved fragile in everyday use. | Des propositions antérieures ont amélioré les performances en laboratoire mais se sont révélées fragiles à l'usage quotidien.
""")
INTRO = TT("""
In the embodiment shown, | Dans le mode de réalisation représenté,
Preferably, | De préférence,
In operation, | En fonctionnement,
As shown in FIG. {fig}, | Comme le montre la figure {fig},
According to a variant, | Selon une variante,
Advantageously, | Avantageusement,
""")
CLOSING = TT("""
It will be understood that the embodiments described above are given by way of example only and that modifications may be made without departing from the scope of the appended claims. | Bien entendu, l'invention n'est pas limitée aux modes de réalisation décrits, qui ne sont donnés qu'à titre d'exemple, et des modifications peuvent y être apportées sans sortir du cadre des revendications.
The invention is not limited to the examples described; features of the different embodiments may be combined. | L'invention n'est pas limitée aux exemples décrits ; les caractéristiques des différents modes de réalisation peuvent être combinées.
""")
VIEWS = [("a schematic view", "une vue schématique"), ("a cross-sectional view", "une vue en coupe"),
         ("a perspective view", "une vue en perspective"), ("a side view", "une vue de côté"),
         ("an enlarged detail view", "une vue de détail agrandie")]


CITE = TT("""
{ref} describes {x}. Such an arrangement does not, however, overcome the drawbacks mentioned above. | Le document {ref} décrit {x}. Un tel agencement ne permet cependant pas de surmonter les inconvénients mentionnés ci-dessus.
{ref} discloses {x}; that solution, however, remains costly to manufacture and to maintain. | Le document {ref} divulgue {x} ; cette solution reste toutefois coûteuse à fabriquer et à entretenir.
A further example is {x}, described in {ref}, which is, however, difficult to produce with locally available means. | On connaît également, par le document {ref}, {x}, difficile toutefois à produire avec les moyens disponibles localement.
""")


def cite_ref(q, lang):
    """Reference to another corpus document in running text: [[dnum|shown text]]."""
    n = int(q.number)
    if q.office == "US" and q.kind == "A1":
        shown = "US %s/%s %s" % (q.number[:4], q.number[4:], q.kind)
    elif q.office == "US":
        shown = ("US %s" % "{:,}".format(n).replace(",", " ")) if lang == "fr" else "U.S. Pat. No. {:,}".format(n)
    else:
        shown = "EP %s %s" % ("{:,}".format(n).replace(",", " "), q.kind)
    return "[[%s%d%s|%s]]" % (q.office, n, q.kind, shown)


def describe(inv, lang, rng, style, cites=()):
    """Return (abstract paragraphs, [(heading, [paragraphs])]) in `lang` (en/fr)."""
    t, fr = inv.t, lang == "fr"
    dev, the, comps = inv.a_dev(lang), inv.the_dev(lang), inv.comps
    qual = inv.qual[1] if fr else inv.qual[0]
    field = L(t["field"], lang)
    feats = [L(f, lang) for f in inv.feats]
    tg = inv.dev.tags
    pa, pp = fits(t["advs"], tg), fits(t["problems"], tg)
    advs = [L(a, lang) for a in rng.sample(pa, min(3, len(pa)))]
    probs = [L(p, lang) for p in rng.sample(pp, min(len(pp), rng.randint(2, 3)))]
    lequel = "dans " + ("laquelle" if inv.dev[2] == "f" else "lequel")
    heads = [rng.choice(h) for h in HEADINGS["fr" if fr else style]]
    cl = [c.full(lang) for c in comps]
    secs = []
    # field
    if fr:
        secs.append((heads[0], [rng.choice([
            "La présente invention concerne %s, et plus particulièrement %s %s." % (field, dev, qual),
            "L'invention relève du domaine %s. Elle porte notamment sur %s %s." % (fr_de(field), dev, qual)])]))
    else:
        secs.append((heads[0], [rng.choice([
            "The present invention relates to %s, and more particularly to %s %s." % (field, dev, qual),
            "This disclosure relates generally to %s. In particular, it concerns %s %s." % (field, dev, qual),
            "The invention lies in the field of %s and provides %s %s." % (field, dev, qual)])]))
    # background
    bg = [" ".join(probs[:2])] + probs[2:]
    for q in cites:
        x = q.inv.title(lang)
        x = x if x[1:2].isupper() else x[:1].lower() + x[1:]
        x = fr_art(x, q.inv.dev[2], False)[:-len(x)] + x if fr else a_(x)
        bg.append(nums(rng, L(rng.choice(CITE), lang)).replace("{ref}", cite_ref(q, lang)).replace("{x}", x))
    bg.append(L(rng.choice(GAP), lang))
    bg.append(("Il existe donc un besoin pour %s amélioré%s." % (fr_art(inv.dev[5].lower(), inv.dev[2], False),
              "e" if inv.dev[2] == "f" else "")) if fr else "There is therefore a need for an improved %s." % inv.dev[4])
    secs.append((heads[1], bg))
    # summary
    cl_plain = [c.full(lang, False) for c in comps]
    if fr:
        summ = ["L'invention a pour but de proposer %s qui %s et %s." % (dev, advs[0], advs[1 % len(advs)]),
                "Selon un premier aspect, l'invention propose %s comprenant %s, %s %s." % (
                    dev, join(cl_plain[:3], "et"), lequel, feats[0])]
        summ += ["%s %s." % (a, f) for a, f in zip(rng.sample(["Dans certains modes de réalisation,", "Avantageusement,",
                                                              "De préférence,", "Selon une caractéristique particulière,"], 2), feats[1:3])]
        summ.append("Selon un autre aspect, l'invention concerne un %s, comprenant les étapes consistant à %s." % (
            L(t["method"], lang), join([s[1] for s in inv.steps], "et")))
    else:
        summ = ["It is an object of the invention to provide %s that %s and %s." % (dev, advs[0], advs[1 % len(advs)]),
                "According to a first aspect, there is provided %s comprising %s, wherein %s." % (
                    dev, join(cl_plain[:3]), feats[0])]
        summ += ["%s %s." % (a, f) for a, f in zip(rng.sample(["In some embodiments,", "Advantageously,", "Preferably,",
                                                              "Optionally,"], 2), feats[1:3])]
        summ.append("According to a further aspect, there is provided a %s comprising %s." % (
            t["method"][0], join([s[0] for s in inv.steps])))
    secs.append((heads[2], summ))
    # drawings
    nfig = rng.randint(3, 5)
    dr = []
    for i in range(1, nfig + 1):
        v = rng.choice(VIEWS[1:]) if i > 1 else VIEWS[0]
        if fr:
            what = dev if i == 1 else comps[(i - 2) % len(comps)].short(lang, False)
            dr.append("La figure %d est %s %s%s" % (i, v[1], fr_de(what), " selon un premier mode de réalisation ;" if i == 1 else (" ;" if i < nfig else ".")))
        else:
            what = dev if i == 1 else comps[(i - 2) % len(comps)].short(lang, False)
            dr.append("FIG. %d is %s of %s%s" % (i, v[0], what, " according to a first embodiment;" if i == 1 else (";" if i < nfig else ".")))
    secs.append((heads[3], dr))
    # detailed description
    det = [("En référence à la figure 1, %s comprend %s." % (the, join(cl, "et"))) if fr else
           ("Referring to FIG. 1, %s comprises %s." % (the, join(cl)))]
    for a, b in zip(comps[1:], comps[:-1]):
        if rng.random() < 0.5:
            if fr:
                e = "e" if a.gender() == "f" else ""
                det.append(cap("%s est %s %s." % (a.short(lang), rng.choice(["relié" + e, "associé" + e]), fr_a(b.short(lang)))))
            else:
                det.append(cap("%s is %s %s." % (a.short(lang), rng.choice(["connected to", "mounted adjacent to", "associated with"]), b.short(lang))))
    intros = rng.sample(INTRO, len(INTRO))
    for i, f in enumerate(feats):
        intro = L(intros[i % len(intros)], lang).replace("{fig}", str(rng.randint(1, nfig)))
        p = "%s %s." % (intro, f)
        if rng.random() < 0.4:
            p += (" Ainsi, %s %s." % (inv.the_dev(lang, False), rng.choice(advs))) if fr else (
                " The %s thus %s." % (inv.dev[4], rng.choice(advs)))
        det.append(p)
    pd = fits(t["details"], tg)
    det.append(" ".join(nums(rng, L(d, lang), fr) for d in rng.sample(pd, min(len(pd), rng.randint(2, 3)))))
    if inv.special.get(lang):
        det.insert(len(det) // 2 + 1, inv.special[lang])
    det.append(L(rng.choice(CLOSING), lang))
    secs.append((heads[4], det))
    # abstract
    if fr:
        ab = "%s %s comprend %s. %s. %s." % (cap(dev), qual, join(cl_plain[:3], "et"), cap(feats[0]), cap(feats[1 % len(feats)]))
    else:
        ab = "%s %s %s %s. %s. %s. The %s %s." % (rng.choice(["", "Disclosed is", "Provided is"]), dev, qual,
                                                  "comprises " + join(cl_plain[:3]), cap(feats[0]), cap(feats[1 % len(feats)]),
                                                  inv.dev[4], advs[0])
        ab = ab.strip()
        if not ab.startswith(("Disclosed", "Provided")):
            ab = cap(ab)
        else:
            ab = ab.replace(" %s comprises" % qual, " %s that comprises" % qual)
    return ab, secs


def claim_plan(inv, rng):
    """Abstract claim structure shared by the languages of one publication."""
    nf = len(inv.feats)
    plan = [("ind", rng.randint(3, len(inv.comps)))]
    extra = [c for c in range(len(inv.comps)) if c >= plan[0][1]]
    for i in range(1, nf):
        plan.append(("dep", rng.randint(1, len(plan)) if rng.random() < 0.3 else 1, "f", i))
    for c in extra:
        plan.append(("dep", 1, "c", c))
    if rng.random() < 0.75:
        m = len(plan) + 1
        plan.append(("meth",))
        if rng.random() < 0.6:
            plan.append(("dep", m, "f", 0))
    return plan


def claims_text(inv, plan, lang, numerals):
    """List of claims: (pre, [items], ref or None) in en/fr/de."""
    t, out = inv.t, []
    g = inv.dev[2]
    shorts = {"en": inv.dev[4], "fr": inv.dev[5], "de": inv.dev[6]}
    idx = {"en": 0, "fr": 1, "de": 2}[lang]
    n10 = " [10]" if numerals else ""
    meth_claim = None
    for j, p in enumerate(plan, 1):
        if p[0] == "ind":
            items = [c.full(lang, numerals) for c in inv.comps[:p[1]]]
            f = inv.feats[0][idx]
            if lang == "en":
                pre = "%s%s, comprising:" % (cap(inv.a_dev("en")), n10)
                items = [x + ";" for x in items[:-1]] + ["and " + items[-1] + (", characterised in that " if numerals else ", wherein ") + f + "."]
            elif lang == "fr":
                pre = "%s%s comprenant :" % (cap(inv.dev[1]), n10)
                items = [x + " ;" for x in items[:-1]] + ["et " + items[-1] + ", caractérisé%s en ce que %s." % ("e" if g == "f" else "", f)]
            else:
                pre = "%s%s, umfassend:" % (inv.dev[3], n10)
                items = [x + ";" for x in items[:-1]] + ["und " + items[-1] + ", dadurch gekennzeichnet, dass " + f + "."]
            out.append((pre, items, None))
        elif p[0] == "meth":
            meth_claim = j
            steps = [s[idx] for s in inv.steps]
            m = t["method"][idx]
            if lang == "en":
                pre, items = "A %s, comprising:" % m, [s + ";" for s in steps[:-1]] + ["and " + steps[-1] + "."]
            elif lang == "fr":
                pre, items = "%s, comprenant les étapes consistant à :" % cap(m), [s + " ;" for s in steps[:-1]] + ["et " + steps[-1] + "."]
            else:
                pre, items = "%s, umfassend die folgenden Schritte:" % m, [s + ";" for s in steps[:-1]] + ["und " + steps[-1] + "."]
            out.append((pre, items, None))
        else:
            _, ref, what, k = p
            body = inv.feats[k][idx] if what == "f" else inv.comps[k].full(lang, numerals)
            is_m = meth_claim is not None and ref == meth_claim
            if lang == "en":
                s = "method" if is_m else shorts["en"]
                verb = "wherein " if what == "f" else "further comprising "
                pre = "The %s %s claim %d, %s%s." % (s, "of" if not numerals else "according to", ref, verb, body)
            elif lang == "fr":
                s = "Procédé" if is_m else shorts["fr"]
                gg = "m" if is_m else g
                verb = ("dans " + ("laquelle " if gg == "f" else "lequel ")) if what == "f" else "comprenant en outre "
                pre = "%s selon la revendication %d, %s%s." % (s, ref, verb, body)
            else:
                s = "Verfahren" if is_m else shorts["de"]
                verb = "wobei " if what == "f" else "ferner umfassend "
                pre = "%s nach Anspruch %d, %s%s." % (s, ref, verb, body)
            out.append((pre, [], ref))
    return out

# ------------------------------------------------------------------------------------------------
# Numbers and dates
# ------------------------------------------------------------------------------------------------
D = dt.date.fromisoformat
US_FIRST = dict(zip(range(2004, 2025), [6671, 6836, 6981, 7155, 7313, 7472, 7640, 7861, 8087, 8341, 8621, 8925,
                                        9226, 9532, 9854, 10165, 10524, 10881, 11212, 11540, 11856]))
EP_FIRST = dict(zip(range(1999, 2026), [880, 970, 1060, 1170, 1290, 1420, 1550, 1640, 1760, 1870, 2000, 2140, 2290, 2410, 2550, 2690, 2840,
                                        2980, 3130, 3270, 3420, 3600, 3770, 3940, 4100, 4290, 4480]))
USED = set()


def weekday(d, wd):
    return d + dt.timedelta(days=(wd - d.weekday()) % 7)


def months(d, m):
    y, mm = divmod(d.month - 1 + m, 12)
    return dt.date(d.year + y, mm + 1, min(d.day, 28))


def ymd(d):
    return d.strftime("%Y%m%d")


def by_date(table, d, rng):
    lo, hi = table[d.year], table[d.year + 1]
    frac = (d.timetuple().tm_yday - 1) / 366
    while True:
        n = int((lo + (hi - lo) * frac) * 1000) + rng.randint(0, 900)
        if n not in USED:
            USED.add(n)
            return n


def us_series(d):
    for year, s in ((2004, 10), (2007, 11), (2010, 12), (2013, 13), (2015, 14), (2018, 15), (2020, 16), (2022, 17)):
        if d.year <= year:
            return s
    return 18


def prio_number(cc, d, rng):
    y = d.year
    return {"KE": "KE/P/%d/%06d" % (y, rng.randint(100, 2999)), "IN": "%d/MUM/%d" % (rng.randint(100, 3999), y),
            "FR": "%02d%05d" % (y % 100, rng.randint(50000, 59999)), "DE": "10 %d %03d %03d.%d" % (y, rng.randint(100, 999), rng.randint(100, 999), rng.randint(0, 9)),
            "BR": "BR10%d%07d" % (y, rng.randint(1000000, 9999999)), "MA": "%d" % rng.randint(30000, 46000),
            "PE": "%06d-%d/DIN" % (rng.randint(100, 2999), y), "US": "%d/%03d,%03d" % (60 if y < 2008 else 61 if y < 2013 else 62 if y < 2020 else 63, rng.randint(100, 999), rng.randint(100, 999)),
            "OA": "1%d%05d" % (y, rng.randint(1, 900)), "NG": "NG/P/%d/%d" % (y, rng.randint(100, 999))}[cc]


def prio_cc(country):
    return "OA" if country in ("SN", "CI") else country

# ------------------------------------------------------------------------------------------------
# The plan: families, near-duplicates, then the remaining documents of each topic
# ------------------------------------------------------------------------------------------------
# topic: (US documents incl. applications, EP documents)
ALLOC = {"sp": (20, 10), "drip": (17, 9), "mal": (14, 8), "plant": (13, 9), "cas": (12, 8),
         "dry": (4, 2), "filt": (5, 2), "cool": (3, 2)}
# topic, applicant, priority date, EP language, EP kind
FAMILIES = [("sp", "juamaji", "2010-03-15", "en", "B1"), ("sp", "sashys", "2017-05-09", "fr", "A1"),
            ("drip", "kisan", "2011-08-22", "en", "A1"), ("drip", "atlas", "2018-02-13", "fr", "B1"),
            ("mal", "diagtrop", "2013-06-04", "en", "B1"), ("plant", "phytosahel", "2008-10-07", "fr", "B1"),
            ("cas", "attieke", "2015-09-30", "fr", "A1"), ("mal", "clearwell", "2019-11-05", "en", "A1")]
# office, topic, applicant, first publication date, second publication date (near-duplicate), EP language
NEAR_DUPS = [("US", "sp", "aquasun", "2011-05-17", "2014-01-02", "en"),
             ("EP", "drip", "irrigasud", "2012-09-26", "2016-03-23", "fr"),
             ("US", "mal", "sahyadri", "2015-02-10", "2019-06-04", "en")]
APP_FILE_DATE = D("2014-01-02")
SPECIAL = {  # known-item phrases: a sentence for the description and a claimed feature (en | fr | de)
    "float": ("US", "sp", {"en": "In a variant intended for dusty sites, the tank level is sensed by a sand-ballasted "
                                 "float switch [40] that floating debris cannot lift.", "tag": None,
                           "feat": T("the storage tank is fitted with a sand-ballasted float switch | - | -")}),
    "basalt": ("EP", "cas", {"en": "For very fibrous roots, the grating sheet may be replaced by a basalt-studded "
                                   "rasping drum, which keeps its cutting edges for several seasons.", "tag": "grate",
                             "feat": T("the grating sheet is replaced by a basalt-studded rasping drum | la tôle de râpage "
                                       "est remplacée par un tambour de râpage garni de basalte | das Reibblech durch eine "
                                       "mit Basalt besetzte Rasptrommel ersetzt ist")}),
}


class Pat(dict):
    __getattr__ = dict.get


def parties(rng, topic, office, key=None):
    if key or rng.random() < 0.75:
        key = key or rng.choice(orgs_for(topic))
        org = org_party(key)
        return org, people(rng, org.country, rng.randint(1, 4))
    cc = rng.choice(sorted({ORGS[k][2] for k in orgs_for(topic)}))
    return None, people(rng, cc, rng.randint(1, 2))


def us_record(inv, rng, pub, filed, prio, org, inventors, kind=None):
    app = pub == APP_FILE_DATE
    return Pat(office="US", topic=inv.topic, inv=inv, rng=rng, pub=pub, filed=filed, prio=prio, org=org,
               inventors=inventors, lang="en", kind="A1" if app else (kind or rng.choice(["B2", "B2", "B2", "B1"])),
               number=("%d%07d" % (pub.year, rng.randint(1000, 9999)) if app else "%08d" % by_date(US_FIRST, pub, rng)),
               appno="%02d%06d" % (us_series(filed), rng.randint(100000, 999999)))


def ep_record(inv, rng, kind, lang, filed, prio, org, inventors, pub=None):
    first = months(prio[2] if prio else filed, 18)
    pub = pub or (weekday(first, 2) if kind == "A1" else weekday(filed + dt.timedelta(days=rng.randint(1100, 1900)), 2))
    return Pat(office="EP", topic=inv.topic, inv=inv, rng=rng, pub=pub, filed=filed, prio=prio, org=org,
               inventors=inventors, lang=lang, kind=kind, number="%07d" % by_date(EP_FIRST, first, rng),
               appno="%02d%06d.%d" % (filed.year % 100, rng.randint(700000, 899999), rng.randint(0, 9)))


def plan_patents():
    pats, families, dups = [], [], []
    used = {t: [0, 0] for t in ALLOC}
    for i, (topic, key, pd, lang, kind) in enumerate(FAMILIES):
        rng = rng_for("family", i)
        inv = Invention(topic, rng, year=int(pd[:4]))
        org, inventors = parties(rng, topic, "US", key)
        p = D(pd)
        prio = (prio_cc(org.country), prio_number(prio_cc(org.country), p, rng), p)
        fu = p + dt.timedelta(days=rng.randint(330, 364))
        us = us_record(inv, rng_for("family-us", i), weekday(fu + dt.timedelta(days=rng.randint(700, 1400)), 1), fu, prio, org, inventors)
        ep = ep_record(inv, rng_for("family-ep", i), kind, lang, p + dt.timedelta(days=365), prio, org, inventors)
        pats += [us, ep]
        families.append((us, ep))
        used[topic][0] += 1
        used[topic][1] += 1
    for i, (office, topic, key, d1, d2, lang) in enumerate(NEAR_DUPS):
        rng = rng_for("dup", i)
        inv = Invention(topic, rng, year=int(d1[:4]) - 2)
        org, inventors = parties(rng, topic, office, key)
        a, b = D(d1), D(d2)
        if office == "US":
            f1 = a - dt.timedelta(days=rng.randint(700, 1000))
            first = us_record(inv, rng_for("dup-a", i), a, f1, None, org, inventors)
            second = us_record(inv, rng_for("dup-b", i), b, a - dt.timedelta(days=rng.randint(40, 150)), None, org, inventors)
            second.parent = first
        else:
            f1 = months(a, -18)
            first = ep_record(inv, rng_for("dup-a", i), "A1", lang, f1, None, org, inventors, pub=a)
            second = ep_record(inv, rng_for("dup-b", i), "A1", lang, months(b, -18), None, org, inventors, pub=b)
        second.dup_of = first
        pats += [first, second]
        dups.append((first, second))
        used[topic][0 if office == "US" else 1] += 2
    n_fr = sum(1 for p in pats if p.office == "EP" and p.lang == "fr")
    fr_left = 15 - n_fr
    for topic, (nus, nep) in ALLOC.items():
        for office, n in (("US", nus - used[topic][0]), ("EP", nep - used[topic][1])):
            for j in range(n):
                rng = rng_for("doc", topic, office, j)
                special = None
                for sk, (so, st, text) in SPECIAL.items():
                    if so == office and st == topic and j == 1:
                        special = text
                # spread over 2004-2023 (publication)
                year = 2004 + int((j + rng.random()) * 20 / n)
                pub = D("%d-01-01" % min(year, 2023)) + dt.timedelta(days=rng.randint(0, 350))
                inv = Invention(topic, rng, special, year=pub.year - 3)
                org, inventors = parties(rng, topic, office)
                country = (org or inventors[0]).country
                if office == "US":
                    app = topic in ("drip", "plant", "cas") and j == n - 1
                    pubd = APP_FILE_DATE if app else weekday(pub, 1)
                    filed = pubd - dt.timedelta(days=rng.randint(400, 540) if app else rng.randint(600, 1500))
                    prio = None
                    if country != "US" and rng.random() < 0.7:
                        pd = filed - dt.timedelta(days=rng.randint(200, 364))
                        prio = (prio_cc(country), prio_number(prio_cc(country), pd, rng), pd)
                    pats.append(us_record(inv, rng, pubd, filed, prio, org, inventors))
                else:
                    kind = "B1" if (rng.random() < 0.4 or special) else "A1"
                    lang = "en"
                    if country in COUNTRY_FR_LANG and fr_left > 0 and not special:
                        lang, fr_left = "fr", fr_left - 1
                    has_prio = rng.random() < 0.8
                    pub = weekday(pub, 2)
                    if kind == "A1":
                        first = months(pub, -18)
                        filed = first + dt.timedelta(days=365) if has_prio else first
                    else:
                        filed = pub - dt.timedelta(days=rng.randint(1100, 1900))
                        first = filed - dt.timedelta(days=365) if has_prio else filed
                    prio = (prio_cc(country), prio_number(prio_cc(country), first, rng), first) if has_prio else None
                    pats.append(ep_record(inv, rng, kind, lang, filed, prio, org, inventors, pub=pub))
    return pats, families, dups


def make_texts(pats):
    for p in pats:  # earlier documents of the same topic cited in the background section
        rng = rng_for("cite", p.office, p.number)
        before = [q for q in pats if q.topic == p.topic and q.pub < (p.prio[2] if p.prio else p.filed) and q is not p.dup_of]
        p.cites = sorted(rng.sample(before, min(len(before), rng.choice([0, 1, 1, 2]))), key=lambda q: q.pub)
    for p in pats:
        if p.dup_of:
            continue
        inv, rng = p.inv, p.rng
        p.ab, p.secs = describe(inv, p.lang, rng, "us" if p.office == "US" else p.lang, p.cites)
        p.plan = claim_plan(inv, rng)
        p.claims = claim_sets(p)
    for p in pats:
        if not p.dup_of:
            continue
        q, rng = p.dup_of, p.rng
        inv = p.inv
        extra = [f for f in inv.t["feats"] if f not in inv.feats]
        newf = rng.choice(extra) if extra else inv.feats[-1]
        p.ab = q.ab
        p.secs = [(h, list(ps)) for h, ps in q.secs]
        fr = p.lang == "fr"
        det = p.secs[-1][1]
        det.insert(len(det) - 1, ("Selon un perfectionnement, %s. Ce perfectionnement a été validé lors d'essais "
                                  "complémentaires." % newf[1]) if fr else
                   ("In an improved embodiment, %s. This improvement was confirmed in additional field trials." % newf[0]))
        if p.office == "US":
            par = q
            ref = ("This application is a continuation-in-part of U.S. application Ser. No. %s/%s,%s, filed %s, now U.S. "
                   "Pat. No. %s, the entire contents of which are incorporated herein by reference." % (
                       par.appno[:2], par.appno[2:5], par.appno[5:], "%s. %d, %d" % (par.filed.strftime("%b"), par.filed.day, par.filed.year),
                       "{:,}".format(int(par.number))))
            p.secs.insert(0, ("CROSS-REFERENCE TO RELATED APPLICATIONS", [ref]))
        else:
            p.secs[1][1].append("La demande de brevet EP %s du même déposant décrit une première version de ce "
                                "dispositif." % "{:,}".format(int(q.number)).replace(",", " "))
        inv2 = Invention.__new__(Invention)
        inv2.__dict__.update(inv.__dict__)
        inv2.feats = inv.feats[:1] + [newf] + inv.feats[1:]
        p.inv = inv2
        p.plan = claim_plan(inv2, rng)
        p.claims = claim_sets(p)


def claim_sets(p):
    if p.office == "US":
        return [("en", claims_text(p.inv, p.plan, "en", False))]
    if p.kind == "A1":
        return [(p.lang, claims_text(p.inv, p.plan, p.lang, True))]
    order = [p.lang] + [x for x in ("de", "en", "fr") if x != p.lang]
    return [(lg, claims_text(p.inv, p.plan, lg, True)) for lg in order]


# ------------------------------------------------------------------------------------------------
# XML writers
# ------------------------------------------------------------------------------------------------
def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ncr(s, width=4):
    return "".join(ch if ord(ch) < 128 else "&#x%0*x;" % (width, ord(ch)) for ch in s)


def us_inline(s):
    s = esc(re.sub(r"\[\[[^|\]]*\|([^\]]*)\]\]", r"\1", s))
    s = re.sub(r"\[(\d+)\]", r"<b>\1</b>", s)
    s = re.sub(r"\bFIG\. (\d+)", r'<figref idref="DRAWINGS">FIG. \1</figref>', s)
    return ncr(s)


PC = [0]


def ep_inline(s, claims=False):
    def patcit(m):
        PC[0] += 1
        return '<patcit id="pcit%04d" dnum="%s"><text>%s</text></patcit>' % (PC[0], m.group(1), m.group(2))
    s = re.sub(r"\[\[([^|\]]*)\|([^\]]*)\]\]", patcit, esc(s))
    s = re.sub(r" \[(\d+)\]", r" (\1)" if claims else r" \1", s)
    s = re.sub(r"\b(FIG\.|figure) (\d+)", lambda m: '<figref idref="f%04d">%s %s</figref>' % (
        int(m.group(2)), "Fig." if m.group(1) == "FIG." else m.group(1), m.group(2)), s)
    return s


def ipc_parts(code):
    sub, grp = code.split()
    mg, sg = grp.split("/")
    return sub[0], sub[1:3], sub[3], mg, sg


def us_party(p, tag, seq, extra=""):
    ab = ("<orgname>%s</orgname>" % ncr(esc(p.org))) if p.org else \
        "<last-name>%s</last-name>\n<first-name>%s</first-name>" % (ncr(esc(p.last)), ncr(esc(p.first)))
    return ('<%s sequence="%03d"%s>\n<addressbook>\n%s\n<address>\n<city>%s</city>\n<country>%s</country>\n</address>\n'
            '</addressbook>\n' % (tag, seq, extra, ab, ncr(p.city), p.country))


def us_claims(claims):
    out = ["<claims id=\"claims\">"]
    for i, (pre, items, ref) in enumerate(claims, 1):
        pre_x = us_inline(pre)
        if ref:
            pre_x = re.sub(r"claim %d\b" % ref, '<claim-ref idref="CLM-%05d">claim %d</claim-ref>' % (ref, ref), pre_x, count=1)
        body = "".join("\n<claim-text>%s</claim-text>" % us_inline(x) for x in items)
        out.append('<claim id="CLM-%05d" num="%05d">\n<claim-text>%d. %s%s%s</claim-text>\n</claim>' % (
            i, i, i, pre_x, body, "\n" if items else ""))
    out.append("</claims>")
    return "\n".join(out)


def us_doc(p):
    app = p.kind == "A1"
    root = "us-patent-application" if app else "us-patent-grant"
    biblio = "us-bibliographic-data-application" if app else "us-bibliographic-data-grant"
    dtd = "us-patent-application-v43-2012-12-04.dtd" if app else "us-patent-grant-v43-2012-12-04.dtd"
    fname = "US%s%s-%s.XML" % (p.number, p.kind, ymd(p.pub))
    x = ['<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE %s SYSTEM "%s" [ ]>' % (root, dtd),
         '<%s lang="EN" dtd-version="v4.3 2012-12-04" file="%s" status="PRODUCTION" id="%s" country="US" '
         'date-produced="%s" date-publ="%s">' % (root, fname, root, ymd(p.pub - dt.timedelta(days=14)), ymd(p.pub)),
         "<%s>" % biblio,
         "<publication-reference>\n<document-id>\n<country>US</country>\n<doc-number>%s</doc-number>\n<kind>%s</kind>\n"
         "<date>%s</date>\n</document-id>\n</publication-reference>" % (p.number, p.kind, ymd(p.pub)),
         '<application-reference appl-type="utility">\n<document-id>\n<country>US</country>\n<doc-number>%s</doc-number>\n'
         "<date>%s</date>\n</document-id>\n</application-reference>" % (p.appno, ymd(p.filed)),
         "<us-application-series-code>%s</us-application-series-code>" % p.appno[:2]]
    if p.prio:
        x.append('<priority-claims>\n<priority-claim sequence="01" kind="%s">\n<country>%s</country>\n<doc-number>%s</doc-number>\n'
                 "<date>%s</date>\n</priority-claim>\n</priority-claims>" % (
                     "national" if p.prio[0] != "OA" else "regional", p.prio[0], esc(p.prio[1]), ymd(p.prio[2])))
    x.append("<classifications-ipcr>")
    for i, code in enumerate(p.inv.ipc):
        s, c, sc, mg, sg = ipc_parts(code)
        x.append("<classification-ipcr>\n<ipc-version-indicator><date>20060101</date></ipc-version-indicator>\n"
                 "<classification-level>A</classification-level>\n<section>%s</section>\n<class>%s</class>\n"
                 "<subclass>%s</subclass>\n<main-group>%s</main-group>\n<subgroup>%s</subgroup>\n"
                 "<symbol-position>%s</symbol-position>\n<classification-value>I</classification-value>\n"
                 "<action-date><date>%s</date></action-date>\n<generating-office><country>US</country></generating-office>\n"
                 "<classification-status>B</classification-status>\n<classification-data-source>H</classification-data-source>\n"
                 "</classification-ipcr>" % (s, c, sc, mg, sg, "F" if i == 0 else "L", ymd(p.pub - dt.timedelta(days=30))))
    x.append("</classifications-ipcr>")
    x.append('<invention-title id="d2e%d">%s</invention-title>' % (40 + len(p.inv.ipc) * 10, ncr(esc(p.inv.title("en")))))
    if p.cites and not app:
        x.append("<us-references-cited>" + "".join(
            '\n<us-citation>\n<patcit num="%05d">\n<document-id>\n<country>%s</country>\n<doc-number>%s</doc-number>\n<kind>%s</kind>\n'
            "<name>%s</name>\n<date>%s</date>\n</document-id>\n</patcit>\n<category>cited by examiner</category>\n</us-citation>" % (
                k, q.office, q.number, q.kind, ncr(esc((q.org or q.inventors[0]).display())), ymd(q.pub))
            for k, q in enumerate(p.cites, 1)) + "\n</us-references-cited>")
    if p.parent:
        x.append("<us-related-documents>\n<continuation-in-part>\n<relation>\n<parent-doc>\n<document-id>\n<country>US</country>\n"
                 "<doc-number>%s</doc-number>\n<date>%s</date>\n</document-id>\n<parent-status>PATENTED</parent-status>\n"
                 "</parent-doc>\n</relation>\n</continuation-in-part>\n</us-related-documents>" % (p.parent.appno, ymd(p.parent.filed)))
    if not app:
        x.append("<number-of-claims>%d</number-of-claims>\n<us-exemplary-claim>1</us-exemplary-claim>" % len(p.claims[0][1]))
    x.append("<us-parties>\n<us-applicants>")
    applicants = [p.org] if p.org else p.inventors
    for i, a in enumerate(applicants, 1):
        x.append(us_party(a, "us-applicant", i, ' app-type="applicant" designation="us-only"') +
                 "<residence>\n<country>%s</country>\n</residence>\n</us-applicant>" % a.country)
    x.append("</us-applicants>\n<inventors>")
    for i, a in enumerate(p.inventors, 1):
        x.append(us_party(a, "inventor", i, ' designation="us-only"') + "</inventor>")
    x.append("</inventors>\n</us-parties>")
    if p.org:
        x.append("<assignees>\n<assignee>\n<addressbook>\n<orgname>%s</orgname>\n<role>03</role>\n<address>\n<city>%s</city>\n"
                 "<country>%s</country>\n</address>\n</addressbook>\n</assignee>\n</assignees>" % (
                     ncr(esc(p.org.org)), ncr(p.org.city), p.org.country))
    x.append("</%s>" % biblio)
    x.append('<abstract id="abstract">\n<p id="p-0001" num="0000">%s</p>\n</abstract>' % us_inline(p.ab))
    x.append('<description id="description">')
    n = 0
    for h, (head, paras) in enumerate(p.secs, 1):
        x.append('<heading id="h-%04d" level="1">%s</heading>' % (h, ncr(esc(head))))
        for para in paras:
            n += 1
            x.append('<p id="p-%04d" num="%04d">%s</p>' % (n + 1, n, us_inline(para)))
    x.append("</description>")
    x.append("<us-claim-statement>%s</us-claim-statement>" % ("What is claimed is:" if p.number.endswith(("1", "3", "5")) else "The invention claimed is:"))
    x.append(us_claims(p.claims[0][1]))
    x.append("</%s>" % root)
    return "\n".join(x) + "\n"


def ep_ipc_text(code, i, pub):
    sub, grp = code.split()
    mg, sg = grp.split("/")
    return "%s%4s/%-10s20060101A%sI%sBHEP        " % (sub, mg, sg, "F" if i == 0 else "L", ymd(pub - dt.timedelta(days=200)))


def ep_adr(p):
    return "<adr><city>%s</city><ctry>%s</ctry></adr>" % (esc(p.city), p.country)


def ep_doc(p):
    lang, kind = p.lang, p.kind
    PC[0] = 0
    docid = "EP%s%s" % (p.appno.split(".")[0], kind)
    x = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<!DOCTYPE ep-patent-document PUBLIC "-//EPO//EP PATENT DOCUMENT 1.5//EN" "ep-patent-document-v1-5.dtd">',
         '<ep-patent-document id="%s" file="%s" lang="%s" country="EP" doc-number="%s" kind="%s" date-publ="%s" '
         'status="n" dtd-version="ep-patent-document-v1-5">' % (docid, "EP%sNW%s.xml" % (p.appno.split(".")[0], kind), lang, p.number, kind, ymd(p.pub))]
    s = ['<SDOBI lang="%s"><B000><eptags><B001EP>ATBECHDEDKESFRGBGRITLILUNLSEMCPTIESILTLVFIROMKCYALTRBGCZEEHUPLSK</B001EP>'
         "</eptags></B000>" % lang,
         "<B100><B110>%s</B110><B120><B121>%s</B121></B120><B130>%s</B130><B140><date>%s</date></B140><B190>EP</B190></B100>" % (
             p.number, "EUROPEAN PATENT APPLICATION" if kind.startswith("A") else "EUROPEAN PATENT SPECIFICATION", kind, ymd(p.pub)),
         "<B200><B210>%s</B210><B220><date>%s</date></B220><B250>%s</B250><B251EP>%s</B251EP><B260>%s</B260></B200>" % (
             p.appno, ymd(p.filed), lang, lang, lang)]
    if p.prio:
        s.append("<B300><B310>%s</B310><B320><date>%s</date></B320><B330><ctry>%s</ctry></B330></B300>" % (
            esc(p.prio[1]), ymd(p.prio[2]), p.prio[0]))
    first = months(p.prio[2] if p.prio else p.filed, 18)
    b4 = "<B405><date>%s</date><bnum>%s</bnum></B405>" % (ymd(p.pub), p.pub.strftime("%Y%V"))
    if kind.startswith("B"):
        b4 += "<B430><date>%s</date><bnum>%s</bnum></B430><B450><date>%s</date><bnum>%s</bnum></B450>" % (
            ymd(weekday(first, 2)), weekday(first, 2).strftime("%Y%V"), ymd(p.pub), p.pub.strftime("%Y%V"))
    else:
        b4 += "<B430><date>%s</date><bnum>%s</bnum></B430>" % (ymd(p.pub), p.pub.strftime("%Y%V"))
    s.append("<B400>%s</B400>" % b4)
    cls = "".join('<classification-ipcr sequence="%d"><text>%s</text></classification-ipcr>' % (i + 1, ep_ipc_text(c, i, p.pub))
                  for i, c in enumerate(p.inv.ipc))
    upper = p.pub.year < 2016
    titles = "".join("<B541>%s</B541><B542>%s</B542>" % (lg, esc(p.inv.title(lg).upper() if upper else p.inv.title(lg)))
                     for lg in ("de", "en", "fr"))
    b560 = "".join("<B561><text>%s-%s- %s</text></B561>" % (q.office, q.kind, "{:,}".format(int(q.number)).replace(",", " ")) for q in p.cites)
    s.append("<B500><B510EP>%s</B510EP><B540>%s</B540>%s</B500>" % (cls, titles, "<B560>%s</B560>" % b560 if b560 else ""))
    owner = [p.org] if p.org else p.inventors
    tag = ("B730", "B731") if kind.startswith("B") else ("B710", "B711")
    b7 = "<%s>%s</%s>" % (tag[0], "".join("<%s><snm>%s</snm><iid>%d</iid>%s</%s>" % (
        tag[1], esc(o.ep_name()), 101000000 + p.rng.randint(0, 999999), ep_adr(o), tag[1]) for o in owner), tag[0])
    b7 += "<B720>%s</B720>" % "".join("<B721><snm>%s</snm>%s</B721>" % (esc(i.ep_name()), ep_adr(i)) for i in p.inventors)
    agent = p.rng.choice(["Cabinet Lavoisier &amp; Associés", "Brandt Vogel Patentanwälte PartG mbB", "Harcourt Lane IP LLP",
                          "Cabinet Moreau-Sahel", "Van Dijk Octrooibureau B.V."])
    b7 += "<B740><B741><snm>%s</snm><iid>100%06d</iid></B741></B740>" % (agent, p.rng.randint(0, 999999))
    s.append("<B700>%s</B700>" % b7)
    s.append("<B800><B840>%s</B840></B800></SDOBI>" % "".join("<ctry>%s</ctry>" % c for c in "AT BE CH DE ES FR GB IT NL PT".split()))
    x.append("".join(s))
    if kind.startswith("A"):
        x.append('<abstract id="abst" lang="%s">\n<p id="pa01" num="0001">%s</p>\n</abstract>' % (lang, ep_inline(p.ab)))
    x.append('<description id="desc" lang="%s">' % lang)
    n = 0
    for h, (head, paras) in enumerate(p.secs, 1):
        x.append('<heading id="h%04d">%s</heading>' % (h, esc(head)))
        for para in paras:
            n += 1
            x.append('<p id="p%04d" num="%04d">%s</p>' % (n, n, ep_inline(para)))
    x.append("</description>")
    for k, (lg, claims) in enumerate(p.claims, 1):
        x.append('<claims id="claims%02d" lang="%s">' % (k, lg))
        for i, (pre, items, ref) in enumerate(claims, 1):
            body = "".join("\n<claim-text>%s</claim-text>" % ep_inline(it, True) for it in items)
            x.append('<claim id="c-%s-01-%04d" num="%04d">\n<claim-text>%s%s%s</claim-text>\n</claim>' % (
                lg, i, i, ep_inline(pre, True), body, "\n" if items else ""))
        x.append("</claims>")
    x.append("</ep-patent-document>")
    return "\n".join(x) + "\n"


# ------------------------------------------------------------------------------------------------
# Journal articles: PubMed citations and JATS full texts
# ------------------------------------------------------------------------------------------------
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
PM_SPECIAL = ("mal", "Heat stability", "Before use, the tests were exposed to the Kibwezi thermal stress protocol (cycles of 45 °C by day "
                        "and 25 °C by night for four weeks).")


def study_text(topic, rng, lang, year, title_ix=None, full=False):
    """Sentences of one study in `lang`; tx["en"] holds the same sentences (same numbers) in English."""
    st = STUDY[topic]
    cc = rng.choice([c for c in st["countries"] if lang == "en" or c in ("SN", "BF", "ML", "CI", "CM", "MA")])
    m1, y1 = rng.randrange(12), year - rng.randint(2, 3)
    place = rng.choice(PLACES[cc].split())
    mon = lambda m, y, k: "%s %d" % (MOIS[m] if k else dt.date(2000, m + 1, 1).strftime("%B"), y)
    envs = [{"place": place, "country": COUNTRY_NAME[cc][k], "au_country": au_country(cc) if k else "in " + COUNTRY_NAME[cc][0],
             "month1": mon(m1, y1, k), "month2": mon((m1 + 7) % 12, y1 + 1, k)} for k in (0, 1)]

    def fill(s, k, seed):
        for a, b in envs[k].items():
            s = s.replace("{%s}" % a, b)
        return nums(random.Random(seed), s, fr=bool(k))
    k = 0 if lang == "en" else 1
    tx, en = {}, {}
    titles = [t for t in st["titles"] if t[k] != "-" and (year >= 2012 or not MODERN.search(t[0]))]
    tt, sd = titles[title_ix % len(titles)] if title_ix is not None else rng.choice(titles), rng.random()
    tx["title"], en["title"] = fill(tt[k], k, sd), fill(tt[0], 0, sd)
    for part, n in (("background", 2), ("methods", 2), ("results", rng.randint(2, 3)), ("conclusions", 1)):
        pool = [x for x in st[part] if (not x.tags or x.tags & tt.tags) and x[k] != "-"]
        picked = sorted(rng.sample(pool, len(pool) if full else min(n, len(pool))), key=st[part].index)
        picked = [(x, rng.random()) for x in picked]
        tx[part] = [fill(x[k], k, sd) for x, sd in picked]
        en[part] = [fill(x[0], 0, sd) for x, sd in picked]
    tx["en"], tx["f"] = en, lambda s: fill(s, k, rng.random())
    return cc, envs[k], tx


def pubmed_records():
    recs = []
    for topic, st in STUDY.items():
        for j in range(st["n"]):
            rng = rng_for("pubmed", topic, j)
            year = 2004 + round(j * 19 / max(1, st["n"] - 1))
            year = min(2023, max(2004, year + rng.randint(-1, 1)))
            lang = "fr" if j in (1, 4)[:st["fr"]] else "en"
            cc, env, tx = study_text(topic, rng, lang, year, title_ix=j + (j // 6))
            authors = people(rng, cc if cc in FIRST else rng.choice(["SN", "KE", "NG"]), rng.randint(2, 6))
            if rng.random() < 0.3:
                authors += people(rng, rng.choice(["FR", "DE", "US"]), 1)
            jn = JOURNALS[2] if lang == "fr" else JOURNALS[rng.choice(JOURNAL_BY_TOPIC[topic])]
            recs.append(dict(topic=topic, j=j, year=year, month=rng.randint(1, 12), lang=lang, title=tx["en"]["title"],
                             vtitle=tx["title"] if lang == "fr" else None, tx=tx, authors=authors, journal=jn,
                             structured=rng.random() < 0.65 or lang == "fr", keywords=st["keywords"],
                             vol=year - 2000 + rng.randint(1, 9), issue=rng.randint(1, 6), page=rng.randint(1, 900)))
    # a duplicate publication: the same study reported again a year later with a reworded title
    src = next(r for r in recs if r["topic"] == "mal" and r["j"] == 2)
    dup = dict(src, year=min(2023, src["year"] + 1), month=(src["month"] % 12) + 1, journal=JOURNALS[7], dup_of=src,
               title=src["title"].rstrip(".") + ": results of a multicentre field evaluation",
               tx=dict(src["tx"], methods=list(src["tx"]["methods"]), conclusions=["These findings confirm that the test can be deployed at scale in peripheral health facilities."]))
    recs.append(dup)
    special = next(r for r in recs if r["topic"] == PM_SPECIAL[0] and PM_SPECIAL[1] in r["title"] and r["lang"] == "en")
    special["tx"]["methods"].append(PM_SPECIAL[2])
    special["special"] = True
    recs.sort(key=lambda r: (r["year"], r["month"], r["topic"], r["j"], "dup_of" in r))
    for i, r in enumerate(recs):
        r["pmid"] = 39900001 + i * 3 + (i % 3)
        r["doi"] = "10.5555/%s.%d.%04d" % ("".join(w[0] for w in r["journal"][0].split() if w[0].isupper()).lower(), r["year"], i * 7 + 11)
    return recs


def pubmed_xml(recs):
    x = ['<?xml version="1.0" ?>',
         '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">',
         "<PubmedArticleSet>"]
    for r in recs:
        tx = r["tx"]
        title = ("[%s]." % r["title"]) if r["lang"] == "fr" else r["title"] + "."
        cats = ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
        src = tx["en"] if r["lang"] == "fr" else tx
        if r["structured"]:
            ab = "".join('<AbstractText Label="%s" NlmCategory="%s">%s</AbstractText>' % (
                c, c, esc(" ".join(src[c.lower()]))) for c in cats)
        else:
            ab = "<AbstractText>%s</AbstractText>" % esc(" ".join(tx["background"][:1] + tx["methods"] + tx["results"] + tx["conclusions"]))
        other = ""
        if r["lang"] == "fr":
            other = '<OtherAbstract Type="Publisher" Language="fre">%s</OtherAbstract>' % "".join(
                '<AbstractText Label="%s" NlmCategory="%s">%s</AbstractText>' % (lab, c, esc(" ".join(tx[c.lower()])))
                for lab, c in zip(["CONTEXTE", "MÉTHODES", "RÉSULTATS", "CONCLUSION"], cats))
        auth = "".join('<Author ValidYN="Y"><LastName>%s</LastName><ForeName>%s</ForeName><Initials>%s</Initials></Author>' % (
            esc(a.last), esc(a.first), "".join(w[0] for w in a.first.replace("-", " ").split())) for a in r["authors"])
        vt = "<VernacularTitle>%s</VernacularTitle>" % esc(r["vtitle"]) if r["vtitle"] else ""
        kw = "".join('<Keyword MajorTopicYN="N">%s</Keyword>' % esc(k.strip()) for k in r["keywords"].split(";"))
        x.append(
            '<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">%d</PMID>'
            '<DateRevised><Year>%d</Year><Month>%02d</Month><Day>%02d</Day></DateRevised>'
            '<Article PubModel="Print-Electronic"><Journal><ISSN IssnType="Electronic">%s</ISSN><JournalIssue CitedMedium="Internet">'
            "<Volume>%d</Volume><Issue>%d</Issue><PubDate><Year>%d</Year><Month>%s</Month></PubDate></JournalIssue>"
            "<Title>%s</Title></Journal><ArticleTitle>%s</ArticleTitle><Pagination><MedlinePgn>%d-%d</MedlinePgn></Pagination>"
            '<ELocationID EIdType="doi" ValidYN="Y">%s</ELocationID><Abstract>%s</Abstract><AuthorList CompleteYN="Y">%s</AuthorList>'
            '<Language>%s</Language><PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>'
            '%s</Article>%s<KeywordList Owner="NOTNLM">%s</KeywordList></MedlineCitation><PubmedData><PublicationStatus>ppublish</PublicationStatus>'
            '<ArticleIdList><ArticleId IdType="pubmed">%d</ArticleId><ArticleId IdType="doi">%s</ArticleId></ArticleIdList></PubmedData></PubmedArticle>' % (
                r["pmid"], min(2024, r["year"] + 1), r["month"], 10 + r["j"], r["journal"][1], r["vol"], r["issue"], r["year"],
                MONTHS[r["month"] - 1], esc(r["journal"][0]), esc(title), r["page"], r["page"] + 9, r["doi"], ab, auth,
                "fre" if r["lang"] == "fr" else "eng", vt, other, kw, r["pmid"], r["doi"]))
    x.append("</PubmedArticleSet>")
    return "\n".join(x) + "\n"


JATS_SPECIAL = "indice de fiabilité hydraulique"
JATS_FR = dict(
    title_en="Evaluation of a solar pump with maximum power point tracking for market gardening in the {place} region, Senegal",
    title="Évaluation d'une pompe solaire à suivi du point de puissance maximale pour le maraîchage dans la région de {place}, Sénégal",
    abstract="Nous avons évalué pendant {12-24} mois {6-14} pompes solaires installées sur des puits maraîchers de la région de {place}, "
             "au moyen d'un indice de fiabilité hydraulique fondé sur la couverture des besoins en eau des cultures. "
             "Le volume pompé a atteint en moyenne {18-45} m3 par jour et le coût de l'eau a été inférieur de {25-55} % à celui des "
             "motopompes diesel. Les pannes ont surtout concerné les contrôleurs et les câbles.",
    secs=[("Introduction", ["Dans la vallée du fleuve et les Niayes, le maraîchage dépend de puits peu profonds équipés de motopompes "
                            "diesel ou d'exhaure manuelle.", "P0", "P1",
                            "Cette étude visait à mesurer les performances et la fiabilité de pompes solaires dans des exploitations familiales."]),
          ("Matériel et méthodes", ["Les sites, situés dans la région de {place}, ont été choisis avec les groupements de producteurs. "
                                    "Chaque pompe était alimentée par un champ de {600-1800/100} Wc.", "M0", "M1",
                                    "Nous avons défini un indice de fiabilité hydraulique, égal à la part des jours où la demande en eau "
                                    "des cultures a été entièrement couverte."]),
          ("Résultats", ["R0", "R1", "D0", "D1", "La valeur médiane de l'indice était de {0.80-0.97/0.01}."]),
          ("Discussion", ["C0", "La disponibilité de techniciens formés dans les communes rurales reste la principale condition de durabilité.",
                          "Une étude sur plusieurs saisons sèches serait nécessaire pour évaluer l'effet du rabattement de la nappe."])])
JATS_ES = dict(
    title_en="Evaluation of a low-pressure drip irrigation system for smallholders in {place}, Peru",
    title="Evaluación de un sistema de riego por goteo de baja presión para pequeños productores en {place}, Perú",
    abstract="Se evaluó durante {2-4} campañas un sistema de riego por goteo alimentado por gravedad en {8-30} parcelas familiares. "
             "El consumo de agua se redujo en un {30-55} % y el rendimiento de cebolla aumentó en un {10-40} % respecto al riego por surcos.",
    secs=[("Introducción", ["En los valles de la costa y de la sierra del Perú, la escasez de agua limita la producción de las familias campesinas.",
                            "Los sistemas comerciales de riego tecnificado requieren bombeo y una inversión que pocos productores pueden asumir."]),
          ("Materiales y métodos", ["El estudio se realizó en {place} entre {2014-2018} y {2019-2021}. Cada sistema constaba de un tanque "
                                    "elevado de {200-1000/100} litros, un filtro de malla y cintas de goteo con emisores cada {20-40/10} cm.",
                                    "Se midió el caudal de {30-120/10} emisores por parcela al inicio y al final de cada campaña."]),
          ("Resultados", ["La uniformidad de emisión se mantuvo por encima del {80-92} % cuando el agua se filtraba diariamente.",
                          "La productividad del agua fue {1.5-3.0/0.1} veces mayor que con riego por surcos."]),
          ("Discusión", ["El riego por goteo de baja presión es una alternativa asequible para pequeños productores, siempre que se "
                         "garantice el mantenimiento de los filtros y el acceso a repuestos en los mercados locales."])])
JATS_PLAN = [("sp", "fr"), ("drip", "es"), ("sp", "en"), ("drip", "en"), ("mal", "en"), ("mal", "en"), ("mal", "en"),
             ("plant", "en"), ("plant", "en"), ("cas", "en"), ("cas", "en"), ("filt", "en")]


def jats_articles():
    arts = []
    for i, (topic, lang) in enumerate(JATS_PLAN):
        rng = rng_for("jats", i)
        year = 2008 + (i * 7) % 16
        t = TOPICS[topic]
        if lang == "en":
            cc, env, tx = study_text(topic, rng, "en", year, title_ix=i + 2, full=True)
            title, title_en = tx["title"], None
            intro = tx["background"] + [L(p, "en") for p in rng.sample(t["problems"], 2)] + [
                "The aim of this study was to document the performance of %s under field conditions in %s." % (
                    a_(rng.choice(t["devices"])[0]), COUNTRY_NAME[cc][0])]
            methods = ["The study was conducted in %s, %s, between %s and %s." % (
                env["place"], COUNTRY_NAME[cc][0], env["month1"], env["month2"])] + tx["methods"]
            results = tx["results"] + [nums(rng, L(d, "en")) for d in rng.sample(t["details"], 2)]
            disc = tx["conclusions"] + ["In practice, the %s %s." % (rng.choice(t["devices"])[4], L(rng.choice(t["advs"]), "en")),
                                        "The main limitations of this study are the small number of sites and the short follow-up."]
            secs = [("Introduction", intro), ("Methods", methods), ("Results", results), ("Discussion", disc)]
            abstract = [" ".join(tx["background"][:1] + tx["methods"][:1] + tx["results"][:2] + tx["conclusions"])]
        else:
            src = JATS_FR if lang == "fr" else JATS_ES
            cc = "SN" if lang == "fr" else "PE"
            place = rng.choice(PLACES[cc].split())
            f = lambda s: nums(rng, s.replace("{place}", place), fr=lang == "fr")
            title, title_en, abstract = f(src["title"]), src["title_en"].replace("{place}", place), [f(src["abstract"])]
            st, secs = STUDY[topic], []
            for head, paras in src["secs"]:
                out = []
                for p in paras:
                    if re.fullmatch(r"[PMRDC]\d", p):
                        pool = {"P": t["problems"], "M": st["methods"], "R": st["results"], "D": t["details"], "C": st["conclusions"]}[p[0]]
                        p = pool[int(p[1]) % len(pool)][1]
                    out.append(f(p))
                secs.append((head, out))
        authors = people(rng, cc if cc in FIRST else "KE", rng.randint(3, 6))
        arts.append(dict(i=i, topic=topic, lang=lang, title=title, title_en=title_en, abstract=abstract, secs=secs, authors=authors,
                         year=year, month=rng.randint(1, 12), day=rng.randint(1, 28), pmc=9900001 + i,
                         pmid=(39950001 + i * 11) if (i % 2 == 0) else None,
                         doi="10.5555/jats.%d.%05d" % (year, 1000 + i * 37)))
    return arts


def jats_xml(a):
    def j(s):
        return ncr(esc(s), 5)
    jt = {"fr": "Revue Africaine de Santé Publique", "es": "Revista Andina de Ingeniería Agrícola"}.get(a["lang"], "Renewable Energy for Development" if a["topic"] in ("sp", "drip") else "Journal of Tropical Diagnostics" if a["topic"] == "mal" else "Phytomedicine and Crop Protection in Africa" if a["topic"] == "plant" else "Journal of Root and Tuber Processing" if a["topic"] == "cas" else "African Journal of Rural Engineering")
    ids = ('<article-id pub-id-type="pmid">%d</article-id>' % a["pmid"] if a["pmid"] else "") + \
        '<article-id pub-id-type="pmc">%d</article-id><article-id pub-id-type="doi">%s</article-id>' % (a["pmc"], a["doi"])
    lang = ' xml:lang="%s"' % a["lang"] if a["lang"] != "en" else ""
    trans = '<trans-title-group xml:lang="en"><trans-title>%s</trans-title></trans-title-group>' % j(a["title_en"]) if a["title_en"] else ""
    contribs = "".join('<contrib contrib-type="author"><name><surname>%s</surname><given-names>%s</given-names></name></contrib>' % (
        j(p.last), j(p.first)) for p in a["authors"])
    body = "".join('<sec id="s%d"><title>%s</title>%s</sec>' % (k, j(h), "".join("<p>%s</p>" % j(p) for p in ps))
                   for k, (h, ps) in enumerate(a["secs"], 1))
    return ('<!DOCTYPE article PUBLIC "-//NLM//DTD Journal Archiving and Interchange DTD v2.3 20070202//EN" "archivearticle.dtd">\n'
            '<article xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mml="http://www.w3.org/1998/Math/MathML" article-type="research-article"%s>'
            '<front><journal-meta><journal-id journal-id-type="nlm-ta">%s</journal-id><journal-title-group><journal-title>%s</journal-title>'
            '</journal-title-group><issn pub-type="epub">2375-0189</issn><publisher><publisher-name>Demo Open Press</publisher-name></publisher></journal-meta>'
            '<article-meta>%s<title-group><article-title>%s</article-title>%s</title-group><contrib-group>%s</contrib-group>'
            '<pub-date pub-type="epub"><day>%d</day><month>%d</month><year>%d</year></pub-date><volume>%d</volume><elocation-id>e%d</elocation-id>'
            '<abstract>%s</abstract></article-meta></front><body>%s</body></article>\n') % (
        lang, j(jt), j(jt), ids, j(a["title"]), trans, contribs, a["day"], a["month"], a["year"], a["year"] - 2005, 100 + a["i"],
        "".join("<p>%s</p>" % j(p) for p in a["abstract"]), body)


# ------------------------------------------------------------------------------------------------
# Output, checks, README and topics
# ------------------------------------------------------------------------------------------------
def pid(p):
    return "%s%d%s" % (p.office, int(p.number), p.kind)


def us_file(p):
    if p.kind == "A1":
        return "ipa140102.xml"
    return "ipg091229.xml" if p.pub.year <= 2009 else "ipg151229.xml" if p.pub.year <= 2015 else "ipg231226.xml"


def jid(a):
    return "PMID:%d" % a["pmid"] if a["pmid"] else "PMC%d" % a["pmc"]


def write_all(pats, recs, arts):
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "uspto").mkdir(parents=True)
    (OUT / "ep").mkdir()
    (OUT / "pubmed").mkdir()
    (OUT / "jats").mkdir()
    files = {}
    for p in sorted((p for p in pats if p.office == "US"), key=lambda p: (p.pub, p.number)):
        files.setdefault(us_file(p), []).append(us_doc(p))
    for name, docs in files.items():
        (OUT / "uspto" / name).write_text("".join(docs), encoding="utf-8")
    for p in pats:
        if p.office == "EP":
            (OUT / "ep" / ("EP%s-%s.xml" % (p.number, p.kind))).write_text(ep_doc(p), encoding="utf-8")
    with open(OUT / "pubmed" / "demo-pubmed.xml.gz", "wb") as fh:
        with gzip.GzipFile(filename="demo-pubmed.xml", mode="wb", fileobj=fh, mtime=0) as gz:
            gz.write(pubmed_xml(recs).encode("utf-8"))
    for a in arts:
        name = "demo-%s-%02d.nxml" % (a["topic"], a["i"] + 1)
        (OUT / "jats" / name).write_text(jats_xml(a), encoding="utf-8")


def check(specials):
    """Parse everything back; return {id: text} and counts per format.  Raises on any problem."""
    texts, counts = {}, {}

    def add(fmt, id_, el):
        assert id_ not in texts, "duplicate id " + id_
        texts[id_] = " ".join(" ".join(el.itertext()).split())
        counts[fmt] = counts.get(fmt, 0) + 1
    for f in sorted((OUT / "uspto").glob("*.xml")):
        for part in f.read_text(encoding="utf-8").split("<?xml")[1:]:
            body = re.sub(r"<!DOCTYPE[^>]*>", "", "<?xml" + part, count=1)
            el = ET.fromstring(body.encode("utf-8"))
            d = el.find(".//publication-reference/document-id")
            add("uspto", "US%d%s" % (int(d.findtext("doc-number")), d.findtext("kind")), el)
    for f in sorted((OUT / "ep").glob("*.xml")):
        el = ET.fromstring(f.read_bytes())
        add("ep", "EP%d%s" % (int(el.findtext("SDOBI/B100/B110")), el.findtext("SDOBI/B100/B130")), el)
    with gzip.open(OUT / "pubmed" / "demo-pubmed.xml.gz") as fh:
        root = ET.fromstring(fh.read())
    for el in root.findall("PubmedArticle"):
        add("pubmed", "PMID:" + el.findtext("MedlineCitation/PMID"), el)
    for f in sorted((OUT / "jats").glob("*.nxml")):
        el = ET.fromstring(f.read_bytes())
        pm = el.find(".//article-id[@pub-id-type='pmid']")
        add("jats", "PMID:" + pm.text if pm is not None else "PMC" + el.find(".//article-id[@pub-id-type='pmc']").text, el)
    for phrase, want in specials.items():
        hits = [k for k, v in texts.items() if phrase.lower() in v.lower()]
        assert hits == [want], (phrase, hits, want)
    return texts, counts


def select(pats, recs, arts, topic, pat_words, art_words):
    ids = [pid(p) for p in pats if p.topic == topic and any(w in (p.inv.title("en") + " " + " ".join(f[0] for f in p.inv.feats)
                                                                  + " " + " ".join(c.en for c in p.inv.comps)).lower() for w in pat_words)]
    ids += ["PMID:%d" % r["pmid"] for r in recs if r["topic"] == topic and any(w in (r["title"] + " ".join(r["tx"]["methods"] + r["tx"]["results"])).lower() for w in art_words)]
    ids += [jid(a) for a in arts if a["topic"] == topic and any(w in a["title"].lower() for w in art_words)]
    return ids


TOPIC_QUERIES = [
    ("Solar pump protected against running dry", "solar pump dry run protection well water level sensor", "sp",
     ["dry-run", "water level sensor", "nearly empty"], ["failure", "drawdown"]),
    ("Battery-free solar pumping with elevated water storage", "solar pumping without batteries elevated storage tank", "sp",
     ["no battery", "instead of in batteries", "elevated storage tank"], ["village supply"]),
    ("Clog-resistant, pressure-compensating drip emitters", "drip emitter clogging labyrinth pressure compensating membrane", "drip",
     ["labyrinth", "membrane", "clogging"], ["clogging"]),
    ("Heat-stable malaria rapid diagnostic tests", "malaria rapid diagnostic test heat stability storage temperature", "mal",
     ["45 °c", "stable at high ambient", "excessive heat"], ["heat stability", "storage", "thermal"]),
    ("Smartphone reading of malaria test strips", "smartphone reader malaria rapid test image", "mal",
     ["smartphone", "image processing"], ["smartphone"]),
    ("Neem-based larvicides and biopesticides", "neem azadirachtin larvicide mosquito larvae formulation", "plant",
     ["azadirachtin", "neem", "larvae"], ["neem", "larvicid"]),
    ("Moringa seed coagulant for water clarification", "moringa seed coagulant turbidity water treatment", "plant",
     ["moringa", "turbidity"], ["moringa", "turbidity"]),
    ("Cassava detoxification: removing cyanide", "cassava cyanide detoxification fermentation wetting method", "cas",
     ["cyanogenic", "cyanide", "linamarase"], ["cyanide", "konzo"]),
]


def write_docs(pats, families, dups, recs, arts, counts, specials):
    total = sum(counts.values())
    fr_ep = [pid(p) for p in pats if p.office == "EP" and p.lang == "fr"]
    lines = ["# The tisc demo corpus", "",
             "**Every document here is invented.** The demo corpus is a small collection of patent and journal documents",
             "written by `scripts/make_demo_corpus.py` for training and for trying tisc: titles, abstracts, descriptions, claims,",
             "names, applicants and numbers are made up (numbers, PMIDs and DOIs — prefix 10.5555 — may coincide with those",
             "of real, unrelated documents). They are not real publications and must not be cited as prior art.", "",
             "The files copy the *structure* of the real formats tisc reads, so that the demo exercises the same code as real data.",
             "", "## Contents", "", "| format | folder | documents |", "| --- | --- | --- |",
             "| USPTO grant and application XML (weekly files, several documents concatenated) | `uspto/` | %d |" % counts["uspto"],
             "| EPO `ep-patent-document` XML (one file per publication; %d in French) | `ep/` | %d |" % (len(fr_ep), counts["ep"]),
             "| PubMed citations (`PubmedArticleSet`, gzip) | `pubmed/` | %d |" % counts["pubmed"],
             "| JATS full-text articles (PMC `.nxml`) | `jats/` | %d |" % counts["jats"],
             "| **total** | | **%d** |" % total, "",
             "Unlike real weekly files, each `ipgYYMMDD.xml` bundles grants of several years (`ipg091229`: 2004–2009,",
             "`ipg151229`: 2010–2015, `ipg231226`: 2016–2023); `ipa140102.xml` holds published applications (A1).",
             "Publication dates run from 2004 to 2023.", "",
             "## Topics", "",
             "Subjects a Technology and Innovation Support Centre meets every day: " + ", ".join(
                 "%s (%d patents)" % (TOPICS[t]["name"], sum(1 for p in pats if p.topic == t)) for t in TOPICS) + ".",
             "Journal articles cover the same subjects (field evaluations, laboratory studies).", "",
             "## Patent families", "",
             "Each pair claims the same priority (same number and date in the US `priority-claim` and the EP `B300`); the",
             "texts describe the same invention in different words (the EP member is in French where marked).", "",
             "| priority | US member | EP member |", "| --- | --- | --- |"]
    for us, ep in families:
        lines.append("| %s %s (%s) | %s | %s%s |" % (us.prio[0], us.prio[1], us.prio[2].isoformat(), pid(us), pid(ep), " (fr)" if ep.lang == "fr" else ""))
    lines += ["", "## Near-duplicates", "", "A later publication re-using most of an earlier text (with an added embodiment and",
              "re-drafted claims), and one study published twice:", ""]
    for a, b in dups:
        lines.append("- %s (%s) → %s (%s)" % (pid(a), a.pub.isoformat(), pid(b), b.pub.isoformat()))
    d = next(r for r in recs if "dup_of" in r)
    lines.append("- PMID:%d (%d) → PMID:%d (%d)" % (d["dup_of"]["pmid"], d["dup_of"]["year"], d["pmid"], d["year"]))
    lines += ["", "## Known-item phrases", "", "Each of these phrases occurs in exactly one document:", ""]
    lines += ["- \"%s\" — %s" % (k, v) for k, v in specials.items()]
    lines += ["", "Articles with accented, non-English titles: " + ", ".join(
        "%s (%s)" % (jid(a), a["lang"]) for a in arts if a["lang"] != "en") + ".", "",
        "`topics.md` lists example search topics with the documents written to be relevant to them.", "",
        "## Regenerating", "", "    python3 scripts/make_demo_corpus.py", "",
        "The script is deterministic (fixed seed, Python standard library only); it rewrites this folder and checks that",
        "every document parses, that ids are unique and that the known-item phrases are unique. tisc embeds this folder",
        "in its binary at build time.", ""]
    (OUT / "README.md").write_text("\n".join(lines), encoding="utf-8")
    t = ["# Example search topics", "",
         "Topics for workshop exercises on the demo corpus. *Relevant* lists the documents written to be on the topic",
         "(generated from the same vocabulary, so they are a good start, not an exhaustive judgement).", ""]
    for n, (name, query, topic, pw, aw) in enumerate(TOPIC_QUERIES, 1):
        ids = select(pats, recs, arts, topic, pw, aw)
        t += ["## %d. %s" % (n, name), "", "Query: `%s`" % query, "", "Relevant: " + ", ".join(ids), ""]
    (OUT / "topics.md").write_text("\n".join(t), encoding="utf-8")
    return {name: select(pats, recs, arts, topic, pw, aw) for name, _, topic, pw, aw in TOPIC_QUERIES}


def main():
    pats, families, dups = plan_patents()
    make_texts(pats)
    recs = pubmed_records()
    arts = jats_articles()
    write_all(pats, recs, arts)
    sp = next(p for p in pats if p.inv.special.get("en") and "sand-ballasted" in p.inv.special["en"])
    bs = next(p for p in pats if p.inv.special.get("en") and "basalt" in p.inv.special["en"])
    pm = next(r for r in recs if r.get("special"))
    specials = {"sand-ballasted float switch": pid(sp), "basalt-studded rasping drum": pid(bs),
                "Kibwezi thermal stress protocol": "PMID:%d" % pm["pmid"], JATS_SPECIAL: jid(arts[0])}
    texts, counts = check(specials)
    write_docs(pats, families, dups, recs, arts, counts, specials)
    size = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print("wrote %s: %s, total %d documents, %.2f MB" % (OUT, counts, sum(counts.values()), size / 1e6))
    for k, v in specials.items():
        print("  unique phrase %-35r %s" % (k, v))


if __name__ == "__main__":
    sys.exit(main())
