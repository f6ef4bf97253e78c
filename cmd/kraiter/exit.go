package main

import "strconv"

// exitError ends the command with a status code after its output (diagnostics, a list of
// files) was already printed, so main prints nothing more.
type exitError struct{ code int }

func (e exitError) Error() string { return "exit status " + strconv.Itoa(e.code) }
