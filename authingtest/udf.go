package authingtest

import "encoding/json"

type udfRec struct {
	targetType, key, dataType, label string
	options                          *string
}

func (u *udfRec) obj() obj {
	o := obj{"targetType": u.targetType, "key": u.key, "dataType": u.dataType, "label": u.label, "options": nil}
	if u.options != nil {
		o["options"] = *u.options
	}
	return o
}

// udvList returns the custom field values of a target, in definition order.
func (s *Server) udvList(targetType, targetID string) []obj {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	values := s.st.udvs[targetType+"/"+targetID]
	out := []obj{}
	for _, d := range s.st.udfs[targetType] {
		if v, ok := values[d.key]; ok {
			out = append(out, obj{"key": d.key, "dataType": d.dataType, "value": v, "label": d.label})
		}
	}
	return out
}

// customData is User.customData: every defined field, null when unset.
func (s *Server) customData(targetType, targetID string) []obj {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	values := s.st.udvs[targetType+"/"+targetID]
	out := []obj{}
	for _, d := range s.st.udfs[targetType] {
		o := obj{"key": d.key, "dataType": d.dataType, "label": d.label, "value": nil}
		if v, ok := values[d.key]; ok {
			o["value"] = v
		}
		out = append(out, o)
	}
	return out
}

// setUdv stores a value; the field must be defined for the target type.
func (s *Server) setUdv(targetType, targetID, key, value string) error {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	defined := false
	for _, d := range s.st.udfs[targetType] {
		defined = defined || d.key == key
	}
	if !defined {
		return errUdfNotFound.with(key)
	}
	k := targetType + "/" + targetID
	if s.st.udvs[k] == nil {
		s.st.udvs[k] = map[string]string{}
	}
	s.st.udvs[k][key] = value
	return nil
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
		return errForbidden
	}
	return nil
}

func (s *Server) udfResolvers(q, m map[string]rootResolver) {
	q["udf"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		out := []obj{}
		for _, d := range s.st.udfs[argString(args, "targetType")] {
			out = append(out, d.obj())
		}
		return out, nil
	})
	m["setUdf"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		tt, key := argString(args, "targetType"), argString(args, "key")
		d := &udfRec{targetType: tt, key: key, dataType: argString(args, "dataType"), label: argString(args, "label"),
			options: argStringPtr(args, "options")}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for i, old := range s.st.udfs[tt] {
			if old.key == key {
				s.st.udfs[tt][i] = d
				return d.obj(), nil
			}
		}
		s.st.udfs[tt] = append(s.st.udfs[tt], d)
		return d.obj(), nil
	})
	m["removeUdf"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		tt, key := argString(args, "targetType"), argString(args, "key")
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		list := s.st.udfs[tt]
		for i, d := range list {
			if d.key == key {
				s.st.udfs[tt] = append(list[:i:i], list[i+1:]...)
				for _, values := range s.st.udvs {
					delete(values, key)
				}
				return commonMessage(msgDeleted), nil
			}
		}
		return nil, errUdfNotFound.with(key)
	})
	q["udv"] = func(rq *request, args map[string]any) (any, error) {
		tt, id := argString(args, "targetType"), argString(args, "targetId")
		if err := rq.udvTarget(tt, id); err != nil {
			return nil, err
		}
		return s.udvList(tt, id), nil
	}
	m["setUdv"] = func(rq *request, args map[string]any) (any, error) {
		tt, id := argString(args, "targetType"), argString(args, "targetId")
		if err := rq.udvTarget(tt, id); err != nil {
			return nil, err
		}
		if err := s.setUdv(tt, id, argString(args, "key"), argString(args, "value")); err != nil {
			return nil, err
		}
		return s.udvList(tt, id), nil
	}
	m["setUdvBatch"] = func(rq *request, args map[string]any) (any, error) {
		tt, id := argString(args, "targetType"), argString(args, "targetId")
		if err := rq.udvTarget(tt, id); err != nil {
			return nil, err
		}
		for _, kv := range argObjects(args, "udvList") {
			if err := s.setUdv(tt, id, argString(kv, "key"), jsonValue(argString(kv, "value"))); err != nil {
				return nil, err
			}
		}
		return s.udvList(tt, id), nil
	}
	m["removeUdv"] = func(rq *request, args map[string]any) (any, error) {
		tt, id := argString(args, "targetType"), argString(args, "targetId")
		if err := rq.udvTarget(tt, id); err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		delete(s.st.udvs[tt+"/"+id], argString(args, "key"))
		s.st.mu.Unlock()
		return s.udvList(tt, id), nil
	}
	q["udfValueBatch"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		tt := argString(args, "targetType")
		out := []obj{}
		for _, id := range argStrings(args, "targetIds") {
			out = append(out, obj{"targetId": id, "data": s.udvList(tt, id)})
		}
		return out, nil
	})
	m["setUdfValueBatch"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		tt := argString(args, "targetType")
		for _, in := range argObjects(args, "input") {
			if err := s.setUdv(tt, argString(in, "targetId"), argString(in, "key"), jsonValue(argString(in, "value"))); err != nil {
				return nil, err
			}
		}
		return commonMessage(msgSetDone), nil
	})
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
