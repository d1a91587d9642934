module example.com/inprocess

go 1.22
