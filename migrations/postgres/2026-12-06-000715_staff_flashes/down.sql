DROP TABLE staff_flashes;
