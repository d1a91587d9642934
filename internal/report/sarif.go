package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/connlint/connlint/docs"
	"github.com/connlint/connlint/internal/rules"
)

// The SARIF 2.1.0 document is written from connlint's own types rather than
// a library's: every field is either meaningful or absent, as GitHub code
// scanning wants it, with no empty arrays and no -1 placeholders. A test
// validates the output against the official schema.

// informationURI is connlint's home page, for SARIF's tool.driver.
const informationURI = "https://github.com/connlint/connlint"

// sarifSchema is the schema address that SARIF 2.1.0 producers declare.
const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// srcRoot is the uriBaseId of every artifact location: URIs are relative
// to the source root (the repository's top level), which
// originalUriBaseIds maps to an absolute file URI.
const srcRoot = "%SRCROOT%"

// columnKind: connlint's columns count bytes (go/token); SARIF has no byte
// unit, so columns are converted to UTF-16 code units, SARIF's default and
// what GitHub reads.
const columnKind = "utf16CodeUnits"

// fingerprintKey is the partialFingerprints entry GitHub code scanning
// uses to follow an alert across commits.
const fingerprintKey = "primaryLocationLineHash"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                    `json:"tool"`
	Invocations        []sarifInvocation            `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLink `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                       `json:"columnKind"`
	Results            []sarifResult                `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string            `json:"name"`
	Version        string            `json:"version,omitempty"`
	InformationURI string            `json:"informationUri"`
	Rules          []sarifDescriptor `json:"rules"`
}

type sarifDescriptor struct {
	ID                   string           `json:"id"`
	Name                 string           `json:"name"`
	ShortDescription     sarifText        `json:"shortDescription"`
	FullDescription      *sarifText       `json:"fullDescription,omitempty"`
	Help                 *sarifMarkdown   `json:"help,omitempty"`
	HelpURI              string           `json:"helpUri"`
	DefaultConfiguration sarifLevelConfig `json:"defaultConfiguration"`
	Properties           sarifRuleProps   `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifMarkdown struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifLevelConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Source           string   `json:"source"`
	Precision        string   `json:"precision"`
	Tags             []string `json:"tags,omitempty"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifArtifactLink struct {
	URI string `json:"uri"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine,omitempty"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
	// ByteOffset is a pointer: offset 0 (the start of the file) is
	// meaningful in a fix's deleted region.
	ByteOffset *int `json:"byteOffset,omitempty"`
	ByteLength *int `json:"byteLength,omitempty"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

// writeSARIF renders findings as one SARIF 2.1.0 run with one
// reportingDescriptor per rule of the catalogue.
func writeSARIF(w io.Writer, fs []Finding, opts Options) error {
	src := newSourceLines(opts.Dir, opts.SrcRoot)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "connlint",
			Version:        opts.Version,
			InformationURI: informationURI,
		}},
		ColumnKind: columnKind,
		Results:    []sarifResult{},
	}
	index := map[string]int{}
	for i, r := range rules.All() {
		index[r.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, descriptor(r))
	}
	if root := src.rootURI(); root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLink{srcRoot: {URI: root}}
	}
	seen := map[string]int{}
	for _, f := range fs {
		run.Results = append(run.Results, sarifResultOf(f, index[f.Rule], src, seen))
	}
	run.Invocations = []sarifInvocation{invocation(opts.Notifications, src)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

func descriptor(r rules.Rule) sarifDescriptor {
	d := sarifDescriptor{
		ID:                   r.ID,
		Name:                 r.ID,
		ShortDescription:     sarifText{Text: r.Title},
		HelpURI:              r.DocURL(),
		DefaultConfiguration: sarifLevelConfig{Level: level(r.Severity)},
		Properties: sarifRuleProps{
			Source:           string(r.Source),
			Precision:        r.Precision(),
			Tags:             r.Tags(),
			SecuritySeverity: r.SecuritySeverity(),
		},
	}
	if page, err := docs.RulePage(r.ID); err == nil {
		md := string(page)
		if lead := leadParagraph(md); lead != "" {
			d.FullDescription = &sarifText{Text: lead}
		}
		d.Help = &sarifMarkdown{Text: r.Title + " (" + r.DocURL() + ")", Markdown: md}
	}
	return d
}

// leadParagraph is the first paragraph after a rule page's title: the
// page's own summary of the rule.
func leadParagraph(md string) string {
	for _, para := range strings.Split(md, "\n\n") {
		para = strings.TrimSpace(para)
		if para != "" && !strings.HasPrefix(para, "#") {
			return strings.Join(strings.Fields(para), " ")
		}
	}
	return ""
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

func sarifResultOf(f Finding, ruleIndex int, src *sourceLines, seen map[string]int) sarifResult {
	res := sarifResult{
		RuleID:    f.Rule,
		RuleIndex: ruleIndex,
		Level:     level(f.Severity),
		Message:   sarifText{Text: f.Message},
		Locations: []sarifLocation{src.location(f.Position, f.End, "")},
	}
	for i, r := range f.Related {
		loc := src.location(r.Position, Position{}, r.Message)
		id := i + 1
		loc.ID = &id
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	if fp := src.fingerprint(f); fp != "" {
		// Two findings of one rule on equal lines of one file get distinct
		// fingerprints by their order, as GitHub's own line hash does.
		n := seen[fp]
		seen[fp]++
		res.PartialFingerprints = map[string]string{fingerprintKey: fp + ":" + strconv.Itoa(n+1)}
	}
	for _, fix := range f.Fixes {
		res.Fixes = append(res.Fixes, src.fix(fix))
	}
	return res
}

func invocation(notes []Notification, src *sourceLines) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, n := range notes {
		inv.ExecutionSuccessful = false
		sn := sarifNotification{Level: "error", Message: sarifText{Text: n.Message}}
		if n.File != "" {
			sn.Locations = []sarifLocation{src.location(n.Position, Position{}, "")}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sn)
	}
	return inv
}

func (s *sourceLines) location(start, end Position, msg string) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{
		ArtifactLocation: s.artifact(start.File),
		Region:           s.region(start, end),
	}}
	if msg != "" {
		loc.Message = &sarifText{Text: msg}
	}
	return loc
}

func (s *sourceLines) artifact(file string) sarifArtifactLocation {
	return sarifArtifactLocation{URI: s.uri(file), URIBaseID: srcRoot}
}

// region converts connlint's byte columns to UTF-16 code units on the
// lines' text, when the file can be read; ASCII lines are unchanged.
func (s *sourceLines) region(start, end Position) *sarifRegion {
	if start.Line <= 0 {
		return nil
	}
	r := &sarifRegion{StartLine: start.Line}
	if start.Column > 0 {
		r.StartColumn = s.utf16Column(start.File, start.Line, start.Column)
	}
	if end.Line > 0 && (end.File == "" || end.File == start.File) && end.Line >= start.Line {
		if end.Column > 0 && (end.Line > start.Line || end.Column >= start.Column) {
			r.EndLine = end.Line
			r.EndColumn = s.utf16Column(start.File, end.Line, end.Column)
		} else if end.Line > start.Line {
			r.EndLine = end.Line
		}
	}
	return r
}

func (s *sourceLines) fix(fix Fix) sarifFix {
	out := sarifFix{Description: sarifText{Text: fix.Message}}
	byFile := map[string]int{}
	for _, e := range fix.Edits {
		i, ok := byFile[e.File]
		if !ok {
			i = len(out.ArtifactChanges)
			byFile[e.File] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: s.artifact(e.File)})
		}
		offset, length := e.StartOffset, e.EndOffset-e.StartOffset
		rep := sarifReplacement{DeletedRegion: sarifRegion{ByteOffset: &offset, ByteLength: &length}}
		if e.NewText != "" {
			rep.InsertedContent = &sarifText{Text: e.NewText}
		}
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, rep)
	}
	return out
}

// fingerprint is a stable hash of the finding's rule, file and normalised
// source line (white space folded), so that an alert keeps its identity
// when lines are inserted above it. It is empty when the line cannot be
// read.
func (s *sourceLines) fingerprint(f Finding) string {
	line, ok := s.line(f.File, f.Line)
	if !ok {
		return ""
	}
	h := sha256.New()
	for _, part := range []string{f.Rule, s.uri(f.File), strings.Join(strings.Fields(line), " ")} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// rootURI is the file URI of the source root, with a trailing slash as
// SARIF requires of a base URI.
func (s *sourceLines) rootURI() string {
	if s.root == "" {
		return ""
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(s.root)}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String()
}
