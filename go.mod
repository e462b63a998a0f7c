module timeline

go 1.26.8

require (
	github.com/go-echarts/go-echarts/v2 v2.6.7
	github.com/gocarina/gocsv v0.0.0-20240520201108-78e41c74b4b1
	golang.org/x/text v0.44.0
)

require golang.org/x/net v0.62.0 // indirect
