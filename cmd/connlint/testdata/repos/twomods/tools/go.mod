module example.com/twomods/tools

go 1.22
