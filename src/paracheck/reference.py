"""Reference sentences that calibrate the score of a document too small to calibrate itself.

A document's score scale comes from its own sentences (see :func:`paracheck.align.calibrate`): random pairs
give the level of unrelated text, best matches the level of a translation. A one-sentence document has no
random pair: its only pair is both levels at once, and the one link scored 0 ("matches weakly") however good
the translation. For such documents the scale is measured on the sentences below instead: the same twelve
everyday sentences in eight languages, written for paracheck. Translations of one sentence give the
translation level, different sentences the unrelated level, averaged over every language pair so that a
document in any language the embedder covers gets a scale of the right order.

The same sentences give each language pair's typical length ratio (:func:`typical_ratio`): German runs 10%
longer than English, French 12% longer. A short document cannot measure its own ratio: two cut sentences
in a five-sentence article make the whole translation look terse, and the cuts then look normal.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import numpy as np

# Sentence k of every language translates sentence k of every other.
REFERENCE: dict[str, tuple[str, ...]] = {
    "en": (
        "The train to the airport leaves every twenty minutes.",
        "My grandmother grew tomatoes and beans in her garden.",
        "The committee will publish its report at the end of the year.",
        "It rained all night, and the river rose above the bridge.",
        "Please send me the invoice by email.",
        "The children laughed when the dog jumped into the lake.",
        "Prices for bread and milk have risen sharply this spring.",
        "She plays the violin in a small orchestra.",
        "The old castle on the hill is closed to visitors in winter.",
        "Doctors recommend walking for at least half an hour a day.",
        "Where did you leave the keys?",
        "The software update fixes a security flaw in the login page.",
    ),
    "it": (
        "Il treno per l'aeroporto parte ogni venti minuti.",
        "Mia nonna coltivava pomodori e fagioli nel suo orto.",
        "La commissione pubblicherà la sua relazione alla fine dell'anno.",
        "Ha piovuto tutta la notte e il fiume è salito sopra il ponte.",
        "Per favore, mandami la fattura per email.",
        "I bambini hanno riso quando il cane è saltato nel lago.",
        "I prezzi del pane e del latte sono aumentati molto questa primavera.",
        "Suona il violino in una piccola orchestra.",
        "Il vecchio castello sulla collina è chiuso ai visitatori in inverno.",
        "I medici consigliano di camminare almeno mezz'ora al giorno.",
        "Dove hai lasciato le chiavi?",
        "L'aggiornamento del software corregge una falla di sicurezza nella pagina di accesso.",
    ),
    "de": (
        "Der Zug zum Flughafen fährt alle zwanzig Minuten.",
        "Meine Großmutter baute in ihrem Garten Tomaten und Bohnen an.",
        "Der Ausschuss wird seinen Bericht Ende des Jahres veröffentlichen.",
        "Es regnete die ganze Nacht, und der Fluss stieg über die Brücke.",
        "Bitte schicken Sie mir die Rechnung per E-Mail.",
        "Die Kinder lachten, als der Hund in den See sprang.",
        "Die Preise für Brot und Milch sind in diesem Frühjahr stark gestiegen.",
        "Sie spielt Geige in einem kleinen Orchester.",
        "Die alte Burg auf dem Hügel ist im Winter für Besucher geschlossen.",
        "Ärzte empfehlen, mindestens eine halbe Stunde am Tag zu gehen.",
        "Wo hast du die Schlüssel gelassen?",
        "Das Software-Update behebt eine Sicherheitslücke auf der Anmeldeseite.",
    ),
    "fr": (
        "Le train pour l'aéroport part toutes les vingt minutes.",
        "Ma grand-mère cultivait des tomates et des haricots dans son jardin.",
        "La commission publiera son rapport à la fin de l'année.",
        "Il a plu toute la nuit et la rivière est montée au-dessus du pont.",
        "Merci de m'envoyer la facture par courriel.",
        "Les enfants ont ri quand le chien a sauté dans le lac.",
        "Les prix du pain et du lait ont fortement augmenté ce printemps.",
        "Elle joue du violon dans un petit orchestre.",
        "Le vieux château sur la colline est fermé aux visiteurs en hiver.",
        "Les médecins recommandent de marcher au moins une demi-heure par jour.",
        "Où as-tu laissé les clés ?",
        "La mise à jour du logiciel corrige une faille de sécurité sur la page de connexion.",
    ),
    "es": (
        "El tren al aeropuerto sale cada veinte minutos.",
        "Mi abuela cultivaba tomates y judías en su huerto.",
        "La comisión publicará su informe a finales de año.",
        "Llovió toda la noche y el río subió por encima del puente.",
        "Por favor, envíeme la factura por correo electrónico.",
        "Los niños se rieron cuando el perro saltó al lago.",
        "Los precios del pan y de la leche han subido mucho esta primavera.",
        "Toca el violín en una pequeña orquesta.",
        "El viejo castillo de la colina está cerrado a los visitantes en invierno.",
        "Los médicos recomiendan caminar al menos media hora al día.",
        "¿Dónde dejaste las llaves?",
        "La actualización del software corrige un fallo de seguridad en la página de inicio de sesión.",
    ),
    "pt": (
        "O trem para o aeroporto sai a cada vinte minutos.",
        "Minha avó plantava tomates e feijões na sua horta.",
        "A comissão publicará o seu relatório no final do ano.",
        "Choveu a noite toda e o rio subiu acima da ponte.",
        "Por favor, envie-me a fatura por e-mail.",
        "As crianças riram quando o cachorro pulou no lago.",
        "Os preços do pão e do leite subiram muito nesta primavera.",
        "Ela toca violino numa pequena orquestra.",
        "O velho castelo na colina fica fechado aos visitantes no inverno.",
        "Os médicos recomendam caminhar pelo menos meia hora por dia.",
        "Onde você deixou as chaves?",
        "A atualização do software corrige uma falha de segurança na página de login.",
    ),
    "nl": (
        "De trein naar het vliegveld vertrekt elke twintig minuten.",
        "Mijn grootmoeder kweekte tomaten en bonen in haar tuin.",
        "De commissie publiceert haar rapport aan het eind van het jaar.",
        "Het regende de hele nacht en de rivier steeg tot boven de brug.",
        "Stuur me de factuur alstublieft per e-mail.",
        "De kinderen lachten toen de hond in het meer sprong.",
        "De prijzen van brood en melk zijn dit voorjaar sterk gestegen.",
        "Ze speelt viool in een klein orkest.",
        "Het oude kasteel op de heuvel is in de winter gesloten voor bezoekers.",
        "Artsen raden aan om minstens een half uur per dag te wandelen.",
        "Waar heb je de sleutels gelaten?",
        "De software-update verhelpt een beveiligingslek op de inlogpagina.",
    ),
    "ru": (
        "Поезд в аэропорт отправляется каждые двадцать минут.",
        "Моя бабушка выращивала в своём саду помидоры и фасоль.",
        "Комиссия опубликует свой доклад в конце года.",
        "Всю ночь шёл дождь, и река поднялась выше моста.",
        "Пожалуйста, пришлите мне счёт по электронной почте.",
        "Дети засмеялись, когда собака прыгнула в озеро.",
        "Этой весной цены на хлеб и молоко резко выросли.",
        "Она играет на скрипке в небольшом оркестре.",
        "Старый замок на холме зимой закрыт для посетителей.",
        "Врачи советуют ходить пешком не менее получаса в день.",
        "Где ты оставил ключи?",
        "Обновление программы исправляет уязвимость на странице входа.",
    ),
}


@functools.lru_cache(maxsize=8)
def reference_levels(embed: Callable[[Sequence[str]], np.ndarray]) -> tuple[float, float]:
    """(unrelated level, translation level) of ``embed``'s cosines, over every pair of reference languages.

    The unrelated level is the mean cosine of different sentences, the translation level the median cosine
    of a sentence and its translation, both across languages (a document pairs two languages).
    """
    langs = sorted(REFERENCE)
    size = len(REFERENCE[langs[0]])
    vecs = np.asarray(embed([s for lang in langs for s in REFERENCE[lang]]), dtype=np.float64)
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    same: list[float] = []
    other: list[float] = []
    for a in range(len(langs)):
        for b in range(a + 1, len(langs)):
            sims = vecs[a * size:(a + 1) * size] @ vecs[b * size:(b + 1) * size].T
            same.extend(np.diag(sims))
            other.extend(sims[~np.eye(size, dtype=bool)])
    return float(np.mean(other)), float(np.median(same))


def typical_ratio(src_lang: str, tgt_lang: str) -> float | None:
    """Characters of a translation into ``tgt_lang`` per character of ``src_lang`` (None: a language not listed)."""
    src, tgt = REFERENCE.get(src_lang.split("-")[0]), REFERENCE.get(tgt_lang.split("-")[0])
    if src is None or tgt is None:
        return None
    return sum(map(len, tgt)) / sum(map(len, src))
