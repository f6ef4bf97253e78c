package definition

// stepTable is the one description of every step type: its fields, their defaults and
// documentation, and how a step of the type runs. A new step type needs an entry here (and
// the Step fields that hold its values), a view in stepdiff/stepviews.go and a sample in the
// step-type test (internal/steptypes); parsing, the canonical form, Walk, the interpreter, the
// DSL's blocks and the local server follow from the entry. A field of a new kind needs its
// entry in the table of kinds (fieldkind.go). DESIGN.md's "Where a change goes" lists the rest.
func stepTable() []stepSpec {
	return []stepSpec{
		{
			typ: StepEmail,
			doc: "sends an email, after an optional delay",
			fields: []Field{
				{Name: "templateId", Kind: FieldTemplateID, Required: true,
					Doc: "the id of the template to send", Example: `"tmpl_welcome"`,
					text: func(s *Step) *string { return &s.TemplateID }},
				{Name: "delay", Kind: FieldDuration, Default: DefaultEmailDelay,
					Doc: "how long to wait before sending", Example: `"1h"`,
					text: func(s *Step) *string { return &s.Delay }},
			},
			compile: compileEmail,
		},
		{
			typ: StepDelay,
			doc: "waits",
			fields: []Field{
				{Name: "duration", Kind: FieldDuration, Required: true,
					Doc: "how long to wait", Example: `"2d"`,
					text: func(s *Step) *string { return &s.Duration }},
			},
			compile: compileDelay,
		},
		{
			typ: StepCondition,
			doc: "goes on with the steps of then when the contact matches the rule, with those of else otherwise",
			fields: []Field{
				{Name: "if", Kind: FieldRule, Required: true,
					Doc: "the condition to test", Example: `{"attribute": "plan", "op": "eq", "value": "pro"}`,
					rule: func(s *Step) **Rule { return &s.If }},
				{Name: "then", Kind: FieldSteps,
					Doc: "the steps for contacts that match", Example: "[...]",
					steps: func(s *Step) *[]Step { return &s.Then }},
				{Name: "else", Kind: FieldSteps,
					Doc: "the steps for contacts that do not match", Example: "[...]",
					steps: func(s *Step) *[]Step { return &s.Else }},
			},
			compile: compileCondition,
		},
	}
}

// compileEmail waits for the email's own delay, if any, then sends.
func compileEmail(p *Program, path string, s *Step) {
	delay, _ := ParseDuration(s.Delay)
	reported := ""
	if delay > 0 {
		p.ops = append(p.ops, op{kind: opWait, path: path, typ: s.Type, wait: delay})
		reported = s.Delay
	}
	p.ops = append(p.ops, op{kind: opSend, path: path, typ: s.Type, templateID: s.TemplateID, duration: reported})
}

// compileDelay waits, and reports the wait as a visit.
func compileDelay(p *Program, path string, s *Step) {
	d, _ := ParseDuration(s.Duration)
	p.ops = append(p.ops, op{kind: opWait, path: path, typ: s.Type, wait: d, report: true, duration: s.Duration})
}

// compileCondition branches on the rule: then follows the branch, else is jumped to.
func compileCondition(p *Program, path string, s *Step) {
	branch := len(p.ops)
	p.ops = append(p.ops, op{kind: opBranch, path: path, typ: s.Type, rule: s.If})
	p.compile(path+".then", s.Then)
	jump := len(p.ops)
	p.ops = append(p.ops, op{kind: opJump})
	p.ops[branch].target = len(p.ops)
	p.compile(path+".else", s.Else)
	p.ops[jump].target = len(p.ops)
}
