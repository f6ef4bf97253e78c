// Package stepdiff shows definitions step by step, for people reviewing a change: Diff
// compares two definitions by meaning and lists the steps added, removed, moved and changed
// (as text, Markdown or JSON), Graph draws a definition as a Mermaid flowchart and GraphDiff
// marks a change on it, and Timeline writes a simulated run one step a line.
//
// How each step type is shown (its graph node, its line in a diff and in a timeline) is its
// view in stepviews.go; every step type of the definition's table needs one. Every function
// that compares two definitions takes them in the order (old, new).
package stepdiff
