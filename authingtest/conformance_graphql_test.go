package authingtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// argOverrides are the values of arguments (and input object fields) by
// name: the objects the fixtures created, where an argument names one.
// "root.name" keys win over "name" keys. Strings are templates: "$x" is a
// fixture value, "enc:" encrypts the rest as a password.
var argOverrides = map[string]any{
	"userPoolId": "$pool", "secret": "$secret", "id": "$userId",
	"userId": "$userId", "userIds": []any{"$userId"}, "targetId": "$userId", "targetIds": []any{"$userId"},
	"ids": []any{"$userId"}, "targetIdentifier": "$userId", "targetIdentifiers": []any{"$userId"},
	"roleCode": "$roleCode", "roleCodes": []any{"$roleCode"}, "groupCodes": []any{"$groupCode"},
	"groupCode": "$groupCode", "nodeCodes": []any{"$nodeCode"}, "policy": "$policyCode", "policies": []any{"$policyCode"},
	"namespace": "default", "resource": "$resourceCode:1", "action": "read", "actions": []any{"read"},
	"orgId": "$orgId", "nodeId": "$nodeId", "parentNodeId": "$rootNodeId", "targetParentId": "$rootNodeId",
	"sourceNodeId": "$nodeId", "targetNodeId": "$rootNodeId", "departmentId": "$nodeId", "nodeCode": "$nodeCode",
	"email": "$email", "oldEmail": "$email", "phone": "$phone", "oldPhone": "$phone", "username": "$username",
	"account": "$username", "password": "enc:$password", "oldPassword": "enc:$password", "newPassword": "enc:conf-pass-2",
	"token": "$userToken", "appId": "$appId", "key": "$udfKey", "value": `"v"`, "label": "Conf", "dataType": "STRING",
	"page": 1, "limit": 10, "keyword": "conf", "query": "conf", "fields": []any{"username"}, "list": []any{"conf-user"},
	"phoneCountryCode": "+86", "oldPhoneCountryCode": "+86", "clientIp": "127.0.0.1", "captchaCode": "",
	"params": "{}", "context": "{}", "code": "1234", "phoneCode": "1234", "emailCode": "1234",
	"newCode": "conf-renamed", "externalId": "conf-ext", "tenantId": nil, "emailToken": nil,
	"phoneToken": nil, "options": nil, "description": "conf", "name": "Conf name", "parent": "$roleCode",

	"org.id": "$orgId", "deleteOrg.id": "$orgId", "nodeById.id": "$nodeId", "updateNode.id": "$nodeId",
	"role.code": "$roleCode", "updateRole.code": "$roleCode", "deleteRole.code": "$roleCode",
	"deleteRoles.codeList": []any{"$roleCode"}, "group.code": "$groupCode", "updateGroup.code": "$groupCode",
	"addUserToGroup.code": "$groupCode", "removeUserFromGroup.code": "$groupCode", "deleteGroups.codeList": []any{"$groupCode"},
	"policy.code": "$policyCode", "updatePolicy.code": "$policyCode", "deletePolicy.code": "$policyCode",
	"deletePolicies.codeList": []any{"$policyCode"}, "policyAssignments.code": "$policyCode",
	"createRole.code": "conf-new-role", "createGroup.code": "conf-new-group", "createPolicy.code": "conf-new-policy",
	"createOrg.code": "conf-new-org", "addNode.code": "conf-new-node", "addNodeV2.code": "conf-new-node",
	"updateNode.code": "conf-node-2", "nodeByCode.code": "$nodeCode", "childrenNodes.nodeId": "$rootNodeId",
	"authorizeResource.namespace": "$namespace", "authorizedTargets.namespace": "$namespace",
	"authorizedTargets.resource": "$resourceCode:1", "authorizedTargets.list": []any{"read"}, "userBatch.type": "id", "checkPasswordStrength.password": "conf-pass-1",
	"resetPasswordByFirstLoginToken.token": "conf-invalid", "resetPasswordByForceResetToken.token": "conf-invalid",
	"sendEmail.scene": "VERIFY_EMAIL", "resourceType": "DATA", "includeChildrenNodes": true, "policyAssignments.targetIdentifier": "$userId",
	"createUser.username": "conf-new-user", "createUser.email": "conf-new@example.com", "createUser.phone": "13900000001",
	"registerByUsername.username": "conf-new-user", "registerByEmail.email": "conf-new@example.com",
	"registerByPhoneCode.phone": "13900000001", "bindEmail.email": "conf-new@example.com",
	"updateEmail.email": "conf-new@example.com", "bindPhone.phone": "13900000001", "updatePhone.phone": "13900000001",
	"updateUser.username": "conf-user-renamed", "updateUser.email": "conf-renamed@example.com",
	"updateUser.phone":         "13900000002",
	"registerByUsername.email": "conf-new2@example.com", "registerByUsername.phone": "13900000005",
	"registerByEmail.username": "conf-new-user", "registerByEmail.phone": "13900000005",
	"registerByPhoneCode.username": "conf-new-user", "registerByPhoneCode.email": "conf-new2@example.com",

	// Codes the fixtures sent to each address.
	"loginByPhoneCode.code": "$code_phone", "registerByPhoneCode.code": "$code_newPhone",
	"resetPassword.code": "$code_phone", "bindPhone.phoneCode": "$code_newPhone", "updatePhone.phoneCode": "$code_newPhone",
	"oldPhoneCode": "$code_phone", "bindEmail.emailCode": "$code_newEmail", "updateEmail.emailCode": "$code_newEmail",
	"oldEmailCode": "$code_email",
}

// preferredEnums are tried first when an argument is an enum.
var preferredEnums = []string{"USER", "STRING", "DATA", "CREATEDAT_DESC"}

// gqlValue makes a plausible value of type t for the argument or input
// field name of root field root.
func (c *confClient) gqlValue(sch *ast.Schema, root, name string, t *ast.Type, depth int) any {
	for _, k := range []string{root + "." + name, name} {
		if v, ok := argOverrides[k]; ok {
			v = c.fill(v)
			_, isList := v.([]any)
			if isList && t.Elem == nil {
				continue // a list value for a field of the same name that is not a list
			}
			if t.Elem != nil && !isList && v != nil {
				v = []any{v}
			}
			return v
		}
	}
	if t.Elem != nil {
		return []any{c.gqlValue(sch, root, name, t.Elem, depth)}
	}
	def := sch.Types[t.NamedType]
	switch {
	case def == nil:
		return nil
	case def.Kind == ast.Enum:
		for _, p := range preferredEnums {
			if def.EnumValues.ForName(p) != nil {
				return p
			}
		}
		return def.EnumValues[0].Name
	case def.Kind == ast.InputObject:
		if depth > 3 {
			return nil
		}
		in := map[string]any{}
		for _, f := range def.Fields {
			in[f.Name] = c.gqlValue(sch, root, f.Name, f.Type, depth+1)
		}
		return in
	}
	return scalarValue(t.NamedType)
}

func scalarValue(name string) any {
	switch name {
	case "Int":
		return 1
	case "Float":
		return 1.5
	case "Boolean":
		return false
	case "Object":
		return map[string]any{}
	}
	return "conf"
}

// fill replaces fixture placeholders in a template value.
func (c *confClient) fill(v any) any {
	switch x := v.(type) {
	case string:
		enc := strings.HasPrefix(x, "enc:")
		x = strings.TrimPrefix(x, "enc:")
		for _, k := range c.placeholders() {
			x = strings.ReplaceAll(x, k, c.fx[k])
		}
		if enc {
			return c.encrypt(x)
		}
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = c.fill(e)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = c.fill(e)
		}
		return out
	}
	return v
}

// placeholders are the fixture names, longest first, so "$userId2" is
// replaced before "$userId".
func (c *confClient) placeholders() []string {
	keys := make([]string, 0, len(c.fx))
	for k := range c.fx {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return len(b) - len(a) })
	return keys
}

// selField is one field of a generated selection, with its type.
type selField struct {
	name string
	args string // "(namespace: $n_namespace)" for the operation's nested field
	typ  *ast.Type
	sub  []selField
}

// selection selects every scalar field of typeName, and the fields of
// object fields down to maxDepth levels. Fields that need arguments are
// left out.
func selection(sch *ast.Schema, typeName string, depth, maxDepth int, nested string) []selField {
	def := sch.Types[typeName]
	if def == nil || (def.Kind != ast.Object && def.Kind != ast.Interface) {
		return nil
	}
	var out []selField
	for _, f := range def.Fields {
		if strings.HasPrefix(f.Name, "__") || slices.ContainsFunc(f.Arguments, func(a *ast.ArgumentDefinition) bool { return a.Type.NonNull }) {
			continue
		}
		fd := sch.Types[f.Type.Name()]
		if fd.Kind == ast.Scalar || fd.Kind == ast.Enum {
			out = append(out, selField{name: f.Name, typ: f.Type})
			continue
		}
		d := depth + 1
		if f.Name == nested && depth == 0 {
			d = 0 // the field the operation reads gets a full selection of its own
		}
		if d > maxDepth {
			continue
		}
		if sub := selection(sch, f.Type.Name(), d, maxDepth, ""); len(sub) > 0 {
			out = append(out, selField{name: f.Name, typ: f.Type, sub: sub})
		}
	}
	return out
}

func writeSelection(b *strings.Builder, sel []selField) {
	if len(sel) == 0 {
		return
	}
	b.WriteString(" {")
	for _, f := range sel {
		b.WriteString(" " + f.name + f.args)
		writeSelection(b, f.sub)
	}
	b.WriteString(" }")
}

// gqlOperation is a generated document with its variables and the
// selection of its root field.
type gqlOperation struct {
	query string
	vars  map[string]any
	root  *ast.FieldDefinition
	sel   []selField
}

// buildOperation builds the operation of o from the schema: every
// argument of the root field passed as a variable, every scalar field of
// the result selected.
func (c *confClient) buildOperation(sch *ast.Schema, o officialRequest) (gqlOperation, error) {
	rootType := sch.Query
	if o.Operation == "mutation" {
		rootType = sch.Mutation
	}
	f := rootType.Fields.ForName(o.RootField)
	if f == nil {
		return gqlOperation{}, fmt.Errorf("the schema has no %s field %s", o.Operation, o.RootField)
	}
	op := gqlOperation{vars: map[string]any{}, root: f, sel: selection(sch, f.Type.Name(), 0, 2, o.Nested)}
	var defs, args []string
	for _, a := range f.Arguments {
		defs = append(defs, "$"+a.Name+": "+a.Type.String())
		args = append(args, a.Name+": $"+a.Name)
		op.vars[a.Name] = c.gqlValue(sch, o.RootField, a.Name, a.Type, 0)
	}
	defs = append(defs, c.nestedArguments(sch, o, f, &op)...)
	var b strings.Builder
	b.WriteString(o.Operation + " " + o.Name)
	if len(defs) > 0 {
		b.WriteString("(" + strings.Join(defs, ", ") + ")")
	}
	b.WriteString(" { " + o.RootField)
	if len(args) > 0 {
		b.WriteString("(" + strings.Join(args, ", ") + ")")
	}
	writeSelection(&b, op.sel)
	b.WriteString(" }")
	op.query = b.String()
	return op, nil
}

// nestedArguments passes the arguments of the field the operation reads
// (user { roles(namespace) }), as the SDKs do, as variables n_<name>; it
// returns their definitions.
func (c *confClient) nestedArguments(sch *ast.Schema, o officialRequest, root *ast.FieldDefinition, op *gqlOperation) []string {
	nf := sch.Types[root.Type.Name()].Fields.ForName(o.Nested)
	if nf == nil || len(nf.Arguments) == 0 {
		return nil
	}
	var defs, args []string
	for _, a := range nf.Arguments {
		v := "n_" + a.Name
		defs = append(defs, "$"+v+": "+a.Type.String())
		args = append(args, a.Name+": $"+v)
		op.vars[v] = c.gqlValue(sch, o.RootField+"."+o.Nested, a.Name, a.Type, 0)
	}
	for i := range op.sel {
		if op.sel[i].name == o.Nested {
			op.sel[i].args = "(" + strings.Join(args, ", ") + ")"
		}
	}
	return defs
}

// checkGraphQL sends o's generated operation and lists what is wrong
// with the answer; outOfScope reports a 501 answer.
func (c *confClient) checkGraphQL(sch *ast.Schema, o officialRequest, token string) (problems []string, outOfScope bool) {
	op, err := c.buildOperation(sch, o)
	if err != nil {
		return []string{err.Error()}, false
	}
	res := c.do("POST", "/graphql/v2", nil, token, map[string]any{"query": op.query, "operationName": o.Name, "variables": op.vars})
	var out struct {
		Data   map[string]any   `json:"data"`
		Errors []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal(res.body, &out); err != nil {
		return []string{fmt.Sprintf("HTTP %d, body is not JSON: %.200s", res.status, res.body)}, false
	}
	if res.status != 200 {
		problems = append(problems, fmt.Sprintf("HTTP %d", res.status))
	}
	errPaths := map[string]bool{}
	for _, e := range out.Errors {
		p, oos := c.classifyGraphQLError(o, e)
		problems, outOfScope = append(problems, p...), outOfScope || oos
		if path, ok := e["path"].([]any); ok {
			errPaths[joinPath(path)] = true
		}
	}
	if outOfScope || len(problems) > 0 {
		return problems, outOfScope
	}
	if out.Data == nil {
		if len(out.Errors) == 0 {
			problems = append(problems, "no data and no errors")
		}
		return problems, false
	}
	v, ok := out.Data[o.RootField]
	if !ok {
		return []string{"data has no field " + o.RootField}, false
	}
	return checkValue(sch, o.RootField, v, op.root.Type, op.sel, errPaths), false
}

// classifyGraphQLError says whether one error is a served Authing error
// (nothing to report), a 501 (out of scope) or a problem.
func (c *confClient) classifyGraphQLError(o officialRequest, e map[string]any) ([]string, bool) {
	msg, isObject := e["message"].(map[string]any)
	if !isObject {
		ext, _ := e["extensions"].(map[string]any)
		return []string{fmt.Sprintf("GraphQL error (%v): %v", ext["code"], e["message"])}, false
	}
	code, _ := msg["code"].(float64)
	text, _ := msg["message"].(string)
	switch {
	case code == 501:
		want := o.Feature + " is not supported by authing-local"
		if o.InScope || text != want {
			return []string{fmt.Sprintf("501 %q (in scope %v, want %q)", text, o.InScope, want)}, true
		}
		return nil, true
	case strings.Contains(text, "not implemented"):
		return []string{"not implemented: " + text}, false
	case code == 500 || code == 0:
		return []string{fmt.Sprintf("server error %v: %s", code, text)}, false
	case !o.InScope:
		return []string{fmt.Sprintf("out of scope (%s) but answered code %v %q", o.Feature, code, text)}, false
	}
	c.authingErr = fmt.Sprintf("%v %s", code, text)
	return nil, false
}

func joinPath(path []any) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = fmt.Sprint(p)
	}
	return strings.Join(parts, ".")
}

// checkValue type-checks one value of the answer against its type and
// selection; a null is allowed in a non-null position only where an
// error's path says why.
func checkValue(sch *ast.Schema, path string, v any, t *ast.Type, sel []selField, errPaths map[string]bool) []string {
	if v == nil {
		if t.NonNull && !coveredByError(path, errPaths) {
			return []string{fmt.Sprintf("%s: null for non-null %s", path, t)}
		}
		return nil
	}
	if t.Elem != nil {
		list, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %T for list %s", path, v, t)}
		}
		var out []string
		for i, e := range list {
			out = append(out, checkValue(sch, fmt.Sprintf("%s.%d", path, i), e, t.Elem, sel, errPaths)...)
		}
		return out
	}
	def := sch.Types[t.NamedType]
	if def.Kind == ast.Object || def.Kind == ast.Interface {
		m, ok := v.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %T for object %s", path, v, t)}
		}
		var out []string
		for _, f := range sel {
			fv, present := m[f.name]
			if !present {
				out = append(out, fmt.Sprintf("%s.%s: missing", path, f.name))
				continue
			}
			out = append(out, checkValue(sch, path+"."+f.name, fv, f.typ, f.sub, errPaths)...)
		}
		return out
	}
	if !scalarOK(def, v) {
		return []string{fmt.Sprintf("%s: %#v is not a %s", path, v, t.NamedType)}
	}
	return nil
}

func coveredByError(path string, errPaths map[string]bool) bool {
	for p := range errPaths {
		if p == path || strings.HasPrefix(p, path+".") {
			return true
		}
	}
	return false
}

func scalarOK(def *ast.Definition, v any) bool {
	if def.Kind == ast.Enum {
		s, ok := v.(string)
		return ok && def.EnumValues.ForName(s) != nil
	}
	switch def.Name {
	case "String", "ID":
		_, ok := v.(string)
		return ok
	case "Int":
		n, ok := v.(float64)
		return ok && n == float64(int64(n))
	case "Float":
		_, ok := v.(float64)
		return ok
	case "Boolean":
		_, ok := v.(bool)
		return ok
	}
	return true
}
