# Durations and dates in emails and events.
# Each unit is chosen by the CLDR plural category of $count.

duration-year = { $count ->
    [one] { $count } year
   *[other] { $count } years
}
duration-day = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
duration-hour = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
duration-minute = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-second = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
# The two largest non-zero units, e.g. "2 days, 3 hours".
duration-join = { $first }, { $second }

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# $month: a month name above; $day, $year: numbers; $hour12: 1–12; $hour24: 00–23;
# $minute: 00–59; $pm: "true" after noon; $zone: the time zone abbreviation.
# English: "July 24, 2023, 1:17 PM UTC".
date-time = { $month } { $day }, { $year }, { $hour12 }:{ $minute } { $pm ->
    [true] PM
   *[false] AM
} { $zone }
