# Duraciones y fechas en correos y eventos.

duration-year = { $count ->
    [one] { $count } año
   *[other] { $count } años
}
duration-day = { $count ->
    [one] { $count } día
   *[other] { $count } días
}
duration-hour = { $count ->
    [one] { $count } hora
   *[other] { $count } horas
}
duration-minute = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}
duration-second = { $count ->
    [one] { $count } segundo
   *[other] { $count } segundos
}
duration-join = { $first } y { $second }

month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

# «24 de julio de 2023, 13:17 UTC»
date-time = { $day } de { $month } de { $year }, { $hour24 }:{ $minute } { $zone }
