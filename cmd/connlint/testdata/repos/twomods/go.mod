module example.com/twomods

go 1.22
