# Durées et dates des e-mails et des événements.
# En français, 0 et 1 prennent le singulier (catégorie CLDR « one »).

duration-year = { $count ->
    [one] { $count } an
   *[other] { $count } ans
}
duration-day = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
duration-hour = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
duration-minute = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-second = { $count ->
    [one] { $count } seconde
   *[other] { $count } secondes
}
duration-join = { $first } et { $second }

month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

# « 24 juillet 2023 à 13:17 UTC », « 1er juillet … »
date-time = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year } à { $hour24 }:{ $minute } { $zone }
