# Dauern und Zeitpunkte in E-Mails und Ereignissen.

duration-year = { $count ->
    [one] { $count } Jahr
   *[other] { $count } Jahre
}
duration-day = { $count ->
    [one] { $count } Tag
   *[other] { $count } Tage
}
duration-hour = { $count ->
    [one] { $count } Stunde
   *[other] { $count } Stunden
}
duration-minute = { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}
duration-second = { $count ->
    [one] { $count } Sekunde
   *[other] { $count } Sekunden
}
duration-join = { $first }, { $second }

month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember

# "24. Juli 2023, 13:17 UTC"
date-time = { $day }. { $month } { $year }, { $hour24 }:{ $minute } { $zone }
