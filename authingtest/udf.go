package authingtest

import (
	"encoding/json"
	"strconv"
	"time"
)

// Custom fields: their definitions (udf) and values (udv) of users,
// roles, groups and nodes. GraphQL udf, setUdf, removeUdf, udv, setUdv,
// setUdvBatch, removeUdv, udfValueBatch and setUdfValueBatch.

type udfRec struct {
	targetType, key, dataType, label string
	options                          *string
}

// udfAPI is the custom fields area's table.
func (s *Server) udfAPI() api {
	return api{
		query: map[string]rootResolver{
			"udf": adminOnly(s.queryUdf), "udv": s.queryUdv, "udfValueBatch": adminOnly(s.udfValueBatch),
		},
		mutation: map[string]rootResolver{
			"setUdf": adminOnly(s.setUdf), "removeUdf": adminOnly(s.removeUdf), "setUdv": s.setUdvField,
			"setUdvBatch": s.setUdvBatch, "removeUdv": s.removeUdv,
			"setUdfValueBatch": adminOnly(s.setUdfValueBatch),
		},
	}
}

func (u *udfRec) obj() obj {
	o := obj{"targetType": u.targetType, "key": u.key, "dataType": u.dataType, "label": u.label, "options": nil}
	if u.options != nil {
		o["options"] = *u.options
	}
	return o
}

func (s *Server) queryUdf(_ *request, args map[string]any) (any, error) {
	return s.st.udfList(argString(args, "targetType")), nil
}

func (s *Server) setUdf(_ *request, args map[string]any) (any, error) {
	d := &udfRec{targetType: argString(args, "targetType"), key: argString(args, "key"), dataType: argString(args, "dataType"),
		label: argString(args, "label"), options: argStringPtr(args, "options")}
	s.st.putUdf(d)
	return d.obj(), nil
}

func (s *Server) removeUdf(_ *request, args map[string]any) (any, error) {
	if err := s.st.removeUdf(argString(args, "targetType"), argString(args, "key")); err != nil {
		return nil, err
	}
	return commonMessage(msgDeleted), nil
}

func (s *Server) queryUdv(rq *request, args map[string]any) (any, error) {
	tt, id := argString(args, "targetType"), argString(args, "targetId")
	if err := rq.udvTarget(tt, id); err != nil {
		return nil, err
	}
	return s.st.udvList(tt, id), nil
}

// setUdvField is the setUdv mutation.
func (s *Server) setUdvField(rq *request, args map[string]any) (any, error) {
	tt, id := argString(args, "targetType"), argString(args, "targetId")
	if err := rq.udvTarget(tt, id); err != nil {
		return nil, err
	}
	// The official SDKs send the value JSON-encoded, as the batch setters
	// take it: a string "av" arrives as "\"av\"".
	if err := s.setUdv(tt, id, argString(args, "key"), jsonValue(argString(args, "value"))); err != nil {
		return nil, err
	}
	return s.st.udvList(tt, id), nil
}

func (s *Server) setUdvBatch(rq *request, args map[string]any) (any, error) {
	tt, id := argString(args, "targetType"), argString(args, "targetId")
	if err := rq.udvTarget(tt, id); err != nil {
		return nil, err
	}
	for _, kv := range argObjects(args, "udvList") {
		if err := s.setUdv(tt, id, argString(kv, "key"), jsonValue(argString(kv, "value"))); err != nil {
			return nil, err
		}
	}
	return s.st.udvList(tt, id), nil
}

func (s *Server) removeUdv(rq *request, args map[string]any) (any, error) {
	tt, id := argString(args, "targetType"), argString(args, "targetId")
	if err := rq.udvTarget(tt, id); err != nil {
		return nil, err
	}
	s.st.removeUdv(tt, id, argString(args, "key"))
	return s.st.udvList(tt, id), nil
}

func (s *Server) udfValueBatch(_ *request, args map[string]any) (any, error) {
	tt := argString(args, "targetType")
	out := []obj{}
	for _, id := range argStrings(args, "targetIds") {
		out = append(out, obj{"targetId": id, "data": s.st.udvList(tt, id)})
	}
	return out, nil
}

func (s *Server) setUdfValueBatch(_ *request, args map[string]any) (any, error) {
	tt := argString(args, "targetType")
	for _, in := range argObjects(args, "input") {
		if err := s.setUdv(tt, argString(in, "targetId"), argString(in, "key"), jsonValue(argString(in, "value"))); err != nil {
			return nil, err
		}
	}
	return commonMessage(msgSetDone), nil
}

// setUdv stores a value; the field must be defined for the target type.
func (s *Server) setUdv(targetType, targetID, key, value string) error {
	return s.st.setUdv(targetType, targetID, key, value)
}

// customData is User.customData: the fields that have a value, as the
// cloud lists them (a null value breaks the official SDKs).
func (s *Server) customData(targetType, targetID string) []obj {
	return s.st.udvList(targetType, targetID)
}

// udv is one custom field value to store.
type udv struct{ key, value string }

// parseParams reads the params of a creation, registration or login: JSON
// text of [{key, value}], where the official SDKs send each value as it is
// (a string, number, boolean or object) and this module's client as a
// string; "" is none.
func parseParams(text string) ([]udv, error) {
	if text == "" {
		return nil, nil
	}
	var list []struct {
		Key   string          `json:"key"`
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal([]byte(text), &list); err != nil {
		return nil, errParams.with(err)
	}
	out := make([]udv, 0, len(list))
	for _, kv := range list {
		if kv.Key == "" {
			return nil, errParams.with("an entry has no key")
		}
		out = append(out, udv{kv.Key, jsonValue(string(kv.Value))})
	}
	return out, nil
}

// checkedParams parses params and checks them against the user custom
// fields, before the user they are for is created.
func (s *Server) checkedParams(text string) ([]udv, error) {
	params, err := parseParams(text)
	if err != nil {
		return nil, err
	}
	return params, s.st.checkUdvs("USER", params)
}

// storeParams checks params against the user custom fields and, when all
// pass, stores them on the user: a value of the wrong type or for an
// undefined field stores nothing.
func (s *Server) storeParams(userID string, params []udv) error {
	if err := s.st.checkUdvs("USER", params); err != nil {
		return err
	}
	for _, p := range params {
		if err := s.setUdv("USER", userID, p.key, p.value); err != nil {
			return err
		}
	}
	return nil
}

// validUdvValue reports whether value, as stored, is of a field's data
// type; "" clears any field.
func validUdvValue(dataType, value string) bool {
	if value == "" {
		return true
	}
	switch dataType {
	case "NUMBER":
		_, err := strconv.ParseFloat(value, 64)
		return err == nil
	case "BOOLEAN":
		return value == "true" || value == "false"
	case "DATETIME":
		if _, err := strconv.ParseInt(value, 10, 64); err == nil {
			return true // epoch milliseconds
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02"} {
			if _, err := time.Parse(layout, value); err == nil {
				return true
			}
		}
		return false
	case "OBJECT":
		return json.Valid([]byte(value)) && (value[0] == '{' || value[0] == '[')
	}
	return true
}

// udvTarget checks who may touch a target's values: the management token
// for any target, an end user for themselves.
func (rq *request) udvTarget(targetType, targetID string) error {
	if rq.admin() == nil {
		return nil
	}
	self, err := rq.user()
	if err != nil {
		return err
	}
	if targetType != "USER" || targetID != self {
		return errOtherUser
	}
	return nil
}

// jsonValue turns a value the batch setters send JSON-encoded into the
// stored string: the text of a JSON string, the JSON of anything else.
func jsonValue(v string) string {
	var s string
	if json.Unmarshal([]byte(v), &s) == nil {
		return s
	}
	return v
}

func (st *state) udfList(targetType string) []obj {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []obj{}
	for _, d := range st.udfs[targetType] {
		out = append(out, d.obj())
	}
	return out
}

// putUdf adds a definition or replaces the one of the same key.
func (st *state) putUdf(d *udfRec) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for i, old := range st.udfs[d.targetType] {
		if old.key == d.key {
			st.udfs[d.targetType][i] = d
			return
		}
	}
	st.udfs[d.targetType] = append(st.udfs[d.targetType], d)
}

// removeUdf deletes a definition and every value of it.
func (st *state) removeUdf(targetType, key string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	list := st.udfs[targetType]
	for i, d := range list {
		if d.key == key {
			st.udfs[targetType] = append(list[:i:i], list[i+1:]...)
			for _, values := range st.udvs {
				delete(values, key)
			}
			return nil
		}
	}
	return errUdfNotFound.with(key)
}

// udvList returns the custom field values of a target, in definition order.
func (st *state) udvList(targetType, targetID string) []obj {
	st.mu.Lock()
	defer st.mu.Unlock()
	values := st.udvs[targetType+"/"+targetID]
	out := []obj{}
	for _, d := range st.udfs[targetType] {
		if v, ok := values[d.key]; ok {
			out = append(out, obj{"key": d.key, "dataType": d.dataType, "value": v, "label": d.label})
		}
	}
	return out
}

// checkUdvs checks values against the definitions of targetType's fields.
func (st *state) checkUdvs(targetType string, values []udv) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, v := range values {
		if err := st.checkUdv(targetType, v.key, v.value); err != nil {
			return err
		}
	}
	return nil
}

// checkUdv checks one value: its field must be defined and the value of
// the field's type; st.mu must be held.
func (st *state) checkUdv(targetType, key, value string) error {
	for _, d := range st.udfs[targetType] {
		if d.key == key {
			if !validUdvValue(d.dataType, value) {
				return errUdvType.with(key, d.dataType, value)
			}
			return nil
		}
	}
	return errUdfNotFound.with(key)
}

func (st *state) setUdv(targetType, targetID, key, value string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := st.checkUdv(targetType, key, value); err != nil {
		return err
	}
	k := targetType + "/" + targetID
	if st.udvs[k] == nil {
		st.udvs[k] = map[string]string{}
	}
	st.udvs[k][key] = value
	return nil
}

func (st *state) removeUdv(targetType, targetID, key string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	delete(st.udvs[targetType+"/"+targetID], key)
}
