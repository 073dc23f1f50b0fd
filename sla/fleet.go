package sla

import "time"

// Fleet's response clocks, as its engineering handbook states them (rules
// R25-R29 in RULES.md). Each preset is built only from the public
// Target, Tiered and Milestone types and takes the business Calendar as an
// argument, so nothing here fixes a time zone or opening hours.

// Fleet2024FirstResponse returns Fleet's first-response target for community
// and customer interactions (R25): an acknowledgement within one hour of
// business's open time.
func Fleet2024FirstResponse(business Calendar) Target {
	return Target{Name: "first response", Within: time.Hour, Calendar: business}
}

// Fleet2024OnCall returns Fleet's 24/7 on-call response target (R26): one
// hour for an alert raised while business is open, four hours for one raised
// outside business hours. An on-call engineer answers around the clock, so
// both tiers count wall-clock time; business only chooses the tier.
func Fleet2024OnCall(business Calendar) Tiered {
	return Tiered{
		Name:     "on-call response",
		Calendar: business,
		Open:     Target{Name: "on-call response (business hours)", Within: time.Hour},
		Closed:   Target{Name: "on-call response (outside business hours)", Within: 4 * time.Hour},
	}
}

// Fleet2024PullRequestFollowUp returns Fleet's community pull-request target
// (R27): never more than one business day without a follow-up to the
// contributor. One business day is eight hours of business's open time (a
// 09:00-17:00 day); restart the clock with Clock.Restart at every follow-up,
// and read the count of cycles and the worst one from Clock.Record.
func Fleet2024PullRequestFollowUp(business Calendar) Target {
	return Target{Name: "pull request follow-up", Within: 8 * time.Hour, Calendar: business}
}

// Fleet2024CriticalBugConfirmation returns Fleet's critical-bug alarm target
// (R28): product confirms within one hour of business's open time, or the bug
// escalates to the P1 channel. The escalation is the milestone "escalate to
// P1" at one hour, which Clock.NextMilestone schedules.
func Fleet2024CriticalBugConfirmation(business Calendar) Target {
	return Target{
		Name:       "critical bug confirmation",
		Within:     time.Hour,
		Calendar:   business,
		Milestones: []Milestone{{Name: "escalate to P1", At: time.Hour}},
	}
}

// Fleet2024QAInbox returns Fleet's QA inbox target (R18, R29): QA reproduces
// a new bug report within one week, counted as a working week of business's
// open time (five eight-hour days), so holidays extend it.
func Fleet2024QAInbox(business Calendar) Target {
	return Target{Name: "QA inbox", Within: 5 * 8 * time.Hour, Calendar: business}
}

// Fleet2024ReporterFollowUp returns Fleet's reporter follow-up target (R19,
// R29): a community reporter has six weeks to answer a request for
// information, is pinged again at three weeks, and the bug is closed at six.
// Reporters keep their own hours, so it counts real time and takes no
// calendar: three weeks are 504 hours, so a question asked at 10:00 GMT is
// followed up at 11:00 BST once the clocks have gone forward. Its milestones
// are "remind" at three weeks and "close" at six.
func Fleet2024ReporterFollowUp() Target {
	const week = 7 * 24 * time.Hour
	return Target{
		Name:   "reporter follow-up",
		Within: 6 * week,
		Milestones: []Milestone{
			{Name: "remind", At: 3 * week},
			{Name: "close", At: 6 * week},
		},
	}
}
