module github.com/teamcadence/cadence

go 1.24.1

require (
	github.com/arran4/golang-ical v0.3.4
	github.com/rickb777/date/v2 v2.3.1
	github.com/stretchr/testify v1.12.1
	github.com/teambition/rrule-go v1.8.2
)

require (
	github.com/govalues/decimal v0.1.36 // indirect
	github.com/rickb777/period v1.0.21 // indirect
	github.com/rickb777/plural v1.4.7 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)
