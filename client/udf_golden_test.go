package client

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

const (
	udfUserID  = "5f7ddfe62ba819802422362e" // the sub of testUserToken
	udfOtherID = "5f7ddfe62ba819802422362f"
	udfRoleID  = "60b4a9b2a3d9f8e1c2b3a4d5"
)

// udfTyped is what the values of udf.udvTyped.json decode to.
var udfTyped = map[string]any{
	"school": "MIT", "nickname": "", "age": float64(18), "height": nil, "vip": false,
	"joined":   time.UnixMilli(1623722400000).UTC(),
	"birthday": time.Date(2000, 1, 2, 0, 0, 0, 0, time.UTC),
	"prefs":    json.RawMessage(`{"theme":"dark"}`), "tier": "gold",
}

// udfBatchTyped is what udf.udfValueBatch.json decodes to.
var udfBatchTyped = map[string]map[string]any{
	udfUserID: {"school": "MIT", "age": float64(18)}, udfOtherID: {},
}

// udfMixed is a map of values of every kind for the batch setters; its
// golden shows how each is encoded ("" as `""`, the time as milliseconds).
var udfMixed = map[string]any{
	"school": "", "age": 18, "vip": true, "joined": time.UnixMilli(1623722400000),
	"prefs": json.RawMessage(`{"theme":"dark"}`), "tags": []string{"a", "b"},
}

func udfMgmt(name, response, resultPath string, want any, call func(ctx context.Context, mc *ManagementClient) (any, error)) goldenTest {
	return goldenTest{name: "udf." + name, response: response, resultPath: resultPath, want: want,
		call: func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) (any, error) {
			return call(ctx, mc)
		}}
}

func udfAuth(name, response, resultPath string, want any, call func(ctx context.Context, ac *AuthenticationClient) (any, error)) goldenTest {
	return goldenTest{name: "udf." + name, response: response, resultPath: resultPath, want: want,
		call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
			return call(ctx, ac)
		}}
}

func TestGoldenUDF(t *testing.T) {
	none := func(err error) (any, error) { return nil, err }
	runGolden(t, []goldenTest{
		// Definitions.
		udfMgmt("UDF.List", "udf.list.json", "udf", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.UDF.List(ctx, authing.UDFTargetUser)
		}),
		udfMgmt("UDF.Set", "udf.set.json", "setUdf", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.UDF.Set(ctx, authing.UDFTargetUser, "school", authing.UDFString, "School", nil)
		}),
		udfMgmt("UDF.Set select options", "udf.setSelect.json", "setUdf", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.UDF.Set(ctx, authing.UDFTargetRole, "tier", authing.UDFSelect, "Tier", &UDFOptions{
				Options: String(`[{"value":"gold","label":"Gold"},{"value":"silver","label":"Silver"}]`)})
		}),
		udfMgmt("UDF.Remove", "udf.remove.json", "removeUdf", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.UDF.Remove(ctx, authing.UDFTargetUser, "school")
		}),
		udfMgmt("UDF.ListValues", "udf.udvTyped.json", "udv", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.UDF.ListValues(ctx, authing.UDFTargetApplication, testAppID)
		}),
		udfMgmt("UDF.SetValuesBatch", "udf.setUdvBatch.json", "setUdvBatch", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.UDF.SetValuesBatch(ctx, authing.UDFTargetUser, udfUserID, udfMixed)
		}),

		// Users.
		udfMgmt("Users.ListUdv", "udf.udvTyped.json", "udv", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.ListUdv(ctx, udfUserID)
		}),
		udfMgmt("Users.GetUdfValue", "udf.udvTyped.json", "", udfTyped, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.GetUdfValue(ctx, udfUserID)
		}),
		udfMgmt("Users.GetUdfValueBatch", "udf.udfValueBatch.json", "", udfBatchTyped, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.GetUdfValueBatch(ctx, []string{udfUserID, udfOtherID})
		}),
		udfMgmt("Users.SetUdv", "udf.setUdv.json", "setUdv", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.SetUdv(ctx, udfUserID, "age", 18)
		}),
		udfMgmt("Users.SetUdv empty", "udf.setUdvEmpty.json", "setUdv", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.SetUdv(ctx, udfUserID, "school", "")
		}),
		udfMgmt("Users.SetUdv time", "udf.setUdv.json", "setUdv", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.SetUdv(ctx, udfUserID, "joined", time.UnixMilli(1623722400000))
		}),
		udfMgmt("Users.SetUdfValue", "udf.setUdvBatch.json", "setUdvBatch", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.SetUdfValue(ctx, udfUserID, udfMixed)
		}),
		udfMgmt("Users.SetUdfValueBatch", "udf.setUdfValueBatch.json", "-", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.Users.SetUdfValueBatch(ctx, []UdfValueInput{
				{TargetID: udfUserID, Key: "school", Value: ""},
				{TargetID: udfOtherID, Key: "joined", Value: time.UnixMilli(1623722400000)},
				{TargetID: udfOtherID, Key: "vip", Value: false},
			}))
		}),
		udfMgmt("Users.RemoveUdv", "udf.removeUdv.json", "removeUdv", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.RemoveUdv(ctx, udfUserID, "school")
		}),

		// Roles.
		udfMgmt("Roles.GetUdfValue", "udf.udvTyped.json", "", udfTyped, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.GetUdfValue(ctx, udfRoleID)
		}),
		udfMgmt("Roles.GetUdfValueBatch", "udf.udfValueBatch.json", "", udfBatchTyped, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.GetUdfValueBatch(ctx, []string{udfUserID, udfOtherID})
		}),
		udfMgmt("Roles.GetSpecificUdfValue", "udf.udvTyped.json", "", time.Date(2000, 1, 2, 0, 0, 0, 0, time.UTC), func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.GetSpecificUdfValue(ctx, udfRoleID, "birthday")
		}),
		udfMgmt("Roles.SetUdfValue", "udf.setUdvBatch.json", "setUdvBatch", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.SetUdfValue(ctx, udfRoleID, map[string]any{"tier": "gold", "note": ""})
		}),
		udfMgmt("Roles.SetUdfValueBatch", "udf.setUdfValueBatch.json", "-", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.Roles.SetUdfValueBatch(ctx, []UdfValueInput{{TargetID: udfRoleID, Key: "note", Value: ""}}))
		}),
		udfMgmt("Roles.RemoveUdv", "udf.removeUdv.json", "removeUdv", nil, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.RemoveUdv(ctx, udfRoleID, "tier")
		}),

		// The end user (the id comes from the token's sub claim).
		udfAuth("Auth.ListUdv", "udf.udvTyped.json", "udv", nil, func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ListUdv(ctx)
		}),
		udfAuth("Auth.GetUdfValue", "udf.udvTyped.json", "", udfTyped, func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.GetUdfValue(ctx)
		}),
		udfAuth("Auth.SetUdv", "udf.setUdv.json", "setUdv", nil, func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.SetUdv(ctx, "school", "MIT")
		}),
		udfAuth("Auth.SetUdv empty", "udf.setUdvEmpty.json", "setUdv", nil, func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.SetUdv(ctx, "school", "")
		}),
		udfAuth("Auth.SetUdfValue", "udf.setUdvBatch.json", "setUdvBatch", nil, func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.SetUdfValue(ctx, udfMixed)
		}),
		udfAuth("Auth.RemoveUdv", "udf.removeUdv.json", "removeUdv", nil, func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.RemoveUdv(ctx, "school")
		}),
	})
}

// TestUDFArgs checks that missing required values are refused before any
// request is sent.
func TestUDFArgs(t *testing.T) {
	calls := map[string]func(ctx context.Context, ac *AuthenticationClient, mc *ManagementClient) error{
		"UDF.List no type": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.UDF.List(ctx, "")
			return err
		},
		"UDF.Set no label": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.UDF.Set(ctx, authing.UDFTargetUser, "k", authing.UDFString, "", nil)
			return err
		},
		"UDF.Remove no key": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.UDF.Remove(ctx, authing.UDFTargetUser, "")
			return err
		},
		"UDF.ListValues no type": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.UDF.ListValues(ctx, "", udfUserID)
			return err
		},
		"UDF.SetValuesBatch no values": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.UDF.SetValuesBatch(ctx, authing.UDFTargetUser, udfUserID, nil)
			return err
		},
		"UDF.SetValuesBatch nil value": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.UDF.SetValuesBatch(ctx, authing.UDFTargetUser, udfUserID, map[string]any{"a": nil})
			return err
		},
		"Users.ListUdv no id": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.Users.ListUdv(ctx, "")
			return err
		},
		"Users.GetUdfValueBatch empty id": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.Users.GetUdfValueBatch(ctx, []string{udfUserID, ""})
			return err
		},
		"Users.SetUdv no key": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.Users.SetUdv(ctx, udfUserID, "", "x")
			return err
		},
		"Users.SetUdv unsupported value": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.Users.SetUdv(ctx, udfUserID, "age", func() {})
			return err
		},
		"Users.SetUdfValueBatch no key": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			return mc.Users.SetUdfValueBatch(ctx, []UdfValueInput{{TargetID: udfUserID, Value: 1}})
		},
		"Users.RemoveUdv no key": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.Users.RemoveUdv(ctx, udfUserID, "")
			return err
		},
		"Roles.GetUdfValueBatch none": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.Roles.GetUdfValueBatch(ctx, nil)
			return err
		},
		"Roles.SetUdfValue no id": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			_, err := mc.Roles.SetUdfValue(ctx, "", map[string]any{"a": 1})
			return err
		},
		"Roles.SetUdfValueBatch none": func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) error {
			return mc.Roles.SetUdfValueBatch(ctx, nil)
		},
		"Auth.SetUdv no key": func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) error {
			_, err := ac.SetUdv(ctx, "", "x")
			return err
		},
		"Auth.SetUdfValue no values": func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) error {
			_, err := ac.SetUdfValue(ctx, map[string]any{})
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			r := newReplay(t, "udf.udv.json")
			err := call(context.Background(), r.authClient(testUserToken), r.mgmtClient())
			if !errors.Is(err, ErrInvalidArgument) {
				t.Errorf("%s: error = %v, want ErrInvalidArgument", name, err)
			}
			if len(r.requests) != 0 {
				t.Errorf("%s: sent %d requests, want none", name, len(r.requests))
			}
		})
	}
}

// TestUDFAuthNotLoggedIn checks that the end user's calls fail fast
// without a token.
func TestUDFAuthNotLoggedIn(t *testing.T) {
	r := newReplay(t, "udf.udv.json")
	ac := r.authClient("")
	ctx := context.Background()
	errs := map[string]error{}
	_, errs["ListUdv"] = ac.ListUdv(ctx)
	_, errs["GetUdfValue"] = ac.GetUdfValue(ctx)
	_, errs["SetUdv"] = ac.SetUdv(ctx, "k", "v")
	_, errs["SetUdfValue"] = ac.SetUdfValue(ctx, map[string]any{"k": "v"})
	_, errs["RemoveUdv"] = ac.RemoveUdv(ctx, "k")
	for name, err := range errs {
		if !errors.Is(err, ErrNotLoggedIn) {
			t.Errorf("%s: error = %v, want ErrNotLoggedIn", name, err)
		}
	}
	if len(r.requests) != 0 {
		t.Errorf("sent %d requests, want none", len(r.requests))
	}
}

// TestUDFMalformedValue checks that a value the server sends that does not
// match its type is reported with the call, the key and the type.
func TestUDFMalformedValue(t *testing.T) {
	r := newReplay(t, "udf.udvMalformed.json")
	got, err := r.mgmtClient().Users.GetUdfValue(context.Background(), udfUserID)
	var cve *CustomValueError
	if !errors.As(err, &cve) || got != nil {
		t.Fatalf("GetUdfValue() = %v, %v; want a *CustomValueError", got, err)
	}
	if cve.Op != "Users.GetUdfValue" || cve.Key != "age" || cve.DataType != authing.UDFNumber || cve.Value != "eighteen" {
		t.Errorf("error fields = %+v", cve)
	}
	const want = `authing: Users.GetUdfValue: custom field "age": malformed NUMBER value: not a decimal number`
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestUDFSpecificValueMissing(t *testing.T) {
	r := newReplay(t, "udf.udvTyped.json")
	_, err := r.mgmtClient().Roles.GetSpecificUdfValue(context.Background(), udfRoleID, "nope")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("GetSpecificUdfValue(missing key) error = %v, want ErrNotFound", err)
	}
}

// TestUDFEmptyInputValue checks that the generated input types send an
// empty value rather than dropping it: "" is a legitimate value.
func TestUDFEmptyInputValue(t *testing.T) {
	for _, v := range []any{
		&generated.SetUdfValueBatchInput{TargetId: udfUserID, Key: "school"},
		&generated.UserDefinedDataInput{Key: "school", Value: String("")},
	} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `"value":""`) {
			t.Errorf("%T encodes as %s, without the empty value", v, b)
		}
	}
}
