package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/teamcadence/cadence/examples/internal/cli"
)

// width is the widest line the text report prints.
const width = cli.MaxWidth

// label is the width of the left column.
const label = 20

// writeText prints r as the one-screen text report.
func (r Report) writeText(w io.Writer) error {
	p := &printer{w: w}
	p.f("cadence handbook for %s %s (%s), preset %s, times in %s", r.Weekday[:3], r.Day, r.ISOWeek, r.Preset, r.Zone)

	o := r.OnCall
	team := r.At
	if loc, err := time.LoadLocation(r.TeamZone); err == nil {
		team = r.At.In(loc)
	}
	p.section(fmt.Sprintf("ON CALL at %s (%s in the team zone, %s)", stamp(r.At), team.Format("15:04"), r.TeamZone))
	p.row("engineering (R1)", "%s, %s", o.Engineering.Who, span(o.Engineering.From, o.Engineering.Until))
	var who []string
	for _, d := range o.Infra {
		who = append(who, d.Who)
	}
	p.row("infra pair (R3)", "%s, turn %s", strings.Join(who, " + "), span(o.InfraTurn.From, o.InfraTurn.Until))
	if len(o.Absences) == 0 {
		p.row("absences (R4)", "none announced this week; backup %s", o.Backup)
	}
	for _, a := range o.Absences {
		p.row("absences (R4)", "%s out %s; %s covers", a.Absent, span(a.From, a.To), a.Backup)
	}
	var levels []string
	for _, l := range o.Escalation {
		s := fmt.Sprintf("%d %s", l.Level, strings.Join(l.Who, "+"))
		if l.After > 0 {
			s += " +" + dur(time.Duration(l.After))
		}
		levels = append(levels, s)
	}
	p.row("escalation (R3)", "%s", strings.Join(levels, " > "))
	if o.Alert.Level > 0 {
		next := "no further level"
		if !o.Alert.Next.IsZero() {
			next = fmt.Sprintf("level %d at %s", o.Alert.Level+1, o.Alert.Next.Format("15:04"))
		}
		p.row("sample alert (R28)", "raised %s, unacked at %s: paging level %d, %s; %s",
			o.Alert.Began.Format("15:04"), o.Alert.At.Format("15:04"), o.Alert.Level, strings.Join(o.Alert.Who, "+"), next)
	}
	if h := o.Handoff; !h.At.IsZero() {
		p.row("next hand-off (R2)", "%s: %s -> %s, checklist (R32):", stamp(h.At), h.Outgoing, h.Incoming)
		for _, c := range h.Checklist {
			p.wrap("    - ", c)
		}
	}

	s := r.Sprint
	p.section(fmt.Sprintf("SPRINT %d (R6): %s to %s, day %d of %d", s.Number, s.Start, s.Last, s.Day, s.Days))
	if len(s.Today) == 0 {
		p.row("today (R7)", "no ceremonies")
	}
	for i, e := range s.Today {
		name := ""
		if i == 0 {
			name = "today (R7)"
		}
		p.row(name, "%s-%s %s%s", e.Start.Format("15:04"), e.End.Format("15:04"), e.Name, owner(e.Owner))
	}
	if s.Next != nil {
		p.row("next ceremony", "%s-%s %s%s", stamp(s.Next.Start), s.Next.End.Format("15:04"), s.Next.Name, owner(s.Next.Owner))
	}
	var od []string
	for _, rt := range s.OnDemand {
		od = append(od, fmt.Sprintf("%s (%s, %s)", rt.Name, rt.Trigger, rt.Owner))
	}
	p.row("this week (R31)", "on demand: %s", list(od))
	names, when := 0, 0
	for _, rt := range s.Rituals {
		names, when = max(names, len(rt.Name)), max(when, len(days(rt.Days)))
	}
	for _, rt := range s.Rituals {
		p.f("    %-*s  %-*s  %s  %s", names, rt.Name, when, days(rt.Days), rt.Time, rt.Owner)
	}

	rl := r.Release
	v := rl.Version
	if v == "" {
		v = "no version"
	}
	p.section(fmt.Sprintf("RELEASE %d (R9): %s on %s %s; phase now: %s", rl.Number, v, rl.Weekday[:3], rl.Day, rl.Phase))
	verb := "freeze"
	if rl.Mode == "branch-cut" {
		verb = "branch cut"
	}
	deep := ""
	if !rl.Deep.Equal(rl.End) {
		deep = ", deep from " + stamp(rl.Deep)
	}
	var yes, no []string
	main := ""
	for _, g := range rl.Gates {
		kind, pick := strings.CutPrefix(g.Change, "pick ")
		switch {
		case !pick && rl.Mode == "branch-cut":
			main = "; main branch closed"
			if g.Allowed {
				main = "; main branch open"
			}
		case g.Allowed:
			yes = append(yes, kind)
		default:
			no = append(no, kind)
		}
	}
	p.row("window (R10)", "%s %s%s%s", verb, span(rl.Start, rl.End), deep, main)
	if rl.Mode == "branch-cut" {
		p.row("may pick now", "%s", list(yes))
		p.row("may not pick", "%s", list(no))
	} else {
		p.row("may merge now", "%s", list(yes))
		p.row("may not", "%s", list(no))
	}
	p.wrap(fmt.Sprintf("  %-*s ", label, "why"), rl.Reason)
	p.row("classify (R11-R14)", "sample bugs under the preset's rules")
	for _, c := range rl.Classify {
		p.wrap(fmt.Sprintf("    %-26s ", c.Bug+":"), fmt.Sprintf("blocker %s; critical %s; patch %s", c.Blocker, c.Critical, c.Patch))
	}
	d := rl.Drift
	if d.Minors == 0 {
		p.row("drift (R30)", "nothing shipped by %s in the sample history", r.Day)
	} else {
		skipped := "none"
		switch n := len(d.Skipped); {
		case n > 2:
			skipped = strconv.Itoa(n)
		case n > 0:
			skipped = strings.Join(d.Skipped, ", ")
		}
		by := r.Day
		if d.DataEnds < by {
			by = d.DataEnds
		}
		p.row("drift (R30)", "%d minors, %d patches by %s, %s: skipped %s, extra %d",
			d.Minors, d.Patches, by, d.Matching, skipped, d.Extra)
		p.row("", "slip mean %+.1fd, median %+.1fd, min %+dd, max %+dd; last %s %+dd",
			d.Slip.Mean, d.Slip.Median, d.Slip.Min, d.Slip.Max, d.LastVersion, d.LastSlip)
		p.row("", "gaps mean %.1fd, median %.1fd, min %dd, max %dd; %d/%d of %dd; %d/%d on %.3s",
			d.Gap.Mean, d.Gap.Median, d.Gap.Min, d.Gap.Max, d.OnCadence.Count, d.OnCadence.Of, d.Period,
			d.OnWeekday.Count, d.OnWeekday.Of, d.Weekday)
		if d.DataEnds < r.Day {
			p.row("", "sample data ends %s: releases after it are not known", d.DataEnds)
		}
	}

	p.section(fmt.Sprintf("SLA of a sample ticket opened %s, checked %s", stamp(r.SLA.Opened), stamp(r.SLA.Checked)))
	targets := 0
	for _, c := range r.SLA.Clocks {
		targets = max(targets, len(c.Target))
	}
	p.f("  %-3s %-*s %-12s %-15s  %7s", "", targets, "target", "within", "due", "left")
	for _, c := range r.SLA.Clocks {
		kind := "wall"
		if c.Business {
			kind = "business"
		}
		state := "ok"
		if c.Breached {
			state = "BREACHED"
		}
		p.f("  %-3s %-*s %-3s %-8s %s  %7s  %s", c.Rule, targets, c.Target,
			dur(time.Duration(c.Within)), kind, stamp(c.Due), dur(time.Duration(c.Remaining)), state)
		if c.Milestone != "" {
			when := "due"
			if c.MilestoneHit {
				when = "reached"
			}
			p.f("    milestone %q %s %s", c.Milestone, when, stamp(c.MilestoneAt))
		}
	}

	b := r.Bugs
	title := "BUGS of the bundled sample, scheme " + b.Scheme
	if b.AsOf.Before(r.At) {
		// Not aged past the data: say so where the section starts.
		title += ", as of " + b.AsOf.Format("2006-01-02 15:04") + ", where the sample data ends"
	}
	p.section(title)
	p.row("orphans (R23)", "%s; reproduced orphans: %s", numbers(b.Orphans), numbers(b.ReproducedOrphans))
	p.wrap(fmt.Sprintf("  %-*s ", label, "week (R24)"), b.Summary)
	return p.err
}

// days formats weekdays, a run of three or more as "Mon-Fri".
func days(ds []string) string {
	order := "SunMonTueWedThuFriSat"
	if len(ds) >= 3 {
		first, last := strings.Index(order, ds[0]), strings.Index(order, ds[len(ds)-1])
		if first >= 0 && last-first == 3*(len(ds)-1) {
			return ds[0] + "-" + ds[len(ds)-1]
		}
	}
	return strings.Join(ds, " ")
}

// printer writes lines and keeps the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, strings.TrimRight(fmt.Sprintf(format, args...), " ")+"\n")
	}
}

// section starts a section after a blank line.
func (p *printer) section(name string) {
	p.f("")
	p.f("%s", name)
}

// row prints a labelled line.
func (p *printer) row(name, format string, args ...any) {
	p.f("  %-*s %s", label, name, fmt.Sprintf(format, args...))
}

// wrap prints text after prefix, continuing on lines indented as deep as
// prefix, none longer than width.
func (p *printer) wrap(prefix, text string) {
	indent := strings.Repeat(" ", len(prefix))
	line := prefix
	for _, word := range strings.Fields(text) {
		if len(line) > len(indent) && len(line)+1+len(word) > width {
			p.f("%s", line)
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	p.f("%s", line)
}

// stamp formats an instant as "Wed 03-06 12:00", or "-" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("Mon 01-02 15:04")
}

// span formats [from, to).
func span(from, to time.Time) string { return stamp(from) + " to " + stamp(to) }

// dur formats a duration compactly: "1h", "30m", "-1h30m", "0".
func dur(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	d = d.Round(time.Minute)
	h, m := d/time.Hour, (d%time.Hour)/time.Minute
	switch {
	case h == 0 && m == 0:
		return "0"
	case m == 0:
		return fmt.Sprintf("%s%dh", sign, h)
	case h == 0:
		return fmt.Sprintf("%s%dm", sign, m)
	}
	return fmt.Sprintf("%s%dh%02dm", sign, h, m)
}

func owner(o string) string {
	if o == "" {
		return ""
	}
	return " (" + o + ")"
}

func list(s []string) string {
	if len(s) == 0 {
		return "nothing"
	}
	return strings.Join(s, ", ")
}

func numbers(ns []int) string {
	if len(ns) == 0 {
		return "none"
	}
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprintf("#%d", n)
	}
	return fmt.Sprintf("%d (%s)", len(ns), strings.Join(s, " "))
}
