package report

import (
	"io"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/connlint/connlint/internal/rules"
)

// informationURI is connlint's home page, for SARIF's tool.driver.
const informationURI = "https://github.com/connlint/connlint"

// srcRoot is the uriBaseId of every artifact location: paths are relative
// to the analyzed directory, which GitHub code scanning maps to the
// repository root.
const srcRoot = "%SRCROOT%"

// writeSARIF renders findings as one SARIF 2.1.0 run with one
// reportingDescriptor per rule of the catalogue.
func writeSARIF(w io.Writer, fs []Finding, version string) error {
	rep := sarif.NewReport()
	run := sarif.NewRunWithInformationURI("connlint", informationURI)
	if version != "" {
		run.Tool.Driver.Version = &version
	}
	for _, r := range rules.All() {
		run.Tool.Driver.AddRule(descriptor(r))
	}
	for _, f := range fs {
		run.AddResult(result(run, f))
	}
	rep.AddRun(run)
	return rep.PrettyWrite(w)
}

func descriptor(r rules.Rule) *sarif.ReportingDescriptor {
	d := sarif.NewRule(r.ID).
		WithName(r.ID).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(r.Title)).
		WithHelpURI(r.DocURL()).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level(r.Severity)))
	d.WithProperties(sarif.NewPropertyBag().Add("source", string(r.Source)))
	return d
}

// level maps a severity to SARIF's result level.
func level(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "note"
}

func result(run *sarif.Run, f Finding) *sarif.Result {
	res := sarif.NewRuleResult(f.Rule).
		WithLevel(level(f.Severity)).
		WithMessage(sarif.NewTextMessage(f.Message)).
		AddLocation(location(f.Position, f.End, ""))
	if idx := run.GetRuleIndex(f.Rule); idx >= 0 {
		res.WithRuleIndex(idx)
	}
	for _, r := range f.Related {
		res.AddRelatedLocation(location(r.Position, Position{}, r.Message))
	}
	for _, fix := range f.Fixes {
		res.AddFixe(sarifFix(fix))
	}
	return res
}

func location(start, end Position, msg string) *sarif.Location {
	loc := sarif.NewLocationWithPhysicalLocation(
		sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewSimpleArtifactLocation(start.File).WithURIBaseID(srcRoot)).
			WithRegion(region(start, end)))
	if msg != "" {
		loc.WithMessage(sarif.NewTextMessage(msg))
	}
	return loc
}

func region(start, end Position) *sarif.Region {
	r := sarif.NewRegion().WithStartLine(start.Line)
	if start.Column > 0 {
		r.WithStartColumn(start.Column)
	}
	if end.Line >= start.Line && end.Line > 0 {
		r.WithEndLine(end.Line)
		if end.Column > 0 && (end.Line > start.Line || end.Column >= start.Column) {
			r.WithEndColumn(end.Column)
		}
	}
	return r
}

func sarifFix(fix Fix) *sarif.Fix {
	out := sarif.NewFix().WithDescription(sarif.NewTextMessage(fix.Message))
	changes := map[string]*sarif.ArtifactChange{}
	var order []string
	for _, e := range fix.Edits {
		ch, ok := changes[e.File]
		if !ok {
			ch = sarif.NewArtifactChange().WithArtifactLocation(sarif.NewSimpleArtifactLocation(e.File).WithURIBaseID(srcRoot))
			changes[e.File] = ch
			order = append(order, e.File)
		}
		ch.AddReplacement(sarif.NewReplacement().
			WithDeletedRegion(sarif.NewRegion().WithByteOffset(e.StartOffset).WithByteLength(e.EndOffset - e.StartOffset)).
			WithInsertedContent(sarif.NewArtifactContent().WithText(e.NewText)))
	}
	for _, file := range order {
		out.AddArtifactChange(changes[file])
	}
	return out
}
