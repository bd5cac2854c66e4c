package client

import (
	"bytes"
	"os"
	"reflect"
	"regexp"
	"testing"
)

// TestMethodsDocMatchesAPI keeps the methods table of README.md honest:
// every Go name in it must exist.
func TestMethodsDocMatchesAPI(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	// The table is the README's last section.
	_, doc, found := bytes.Cut(readme, []byte("## Every method, beside Authing's Python SDK"))
	if !found {
		t.Fatal("README.md has no methods table")
	}
	funcs := map[string]any{
		"ComputePasswordSecurityLevel": ComputePasswordSecurityLevel, "GenerateCodeVerifier": GenerateCodeVerifier,
		"MFATokenFromError": MFATokenFromError, "OperationName": OperationName,
		"DecodeCustomValue": DecodeCustomValue, "EncodeCustomValue": EncodeCustomValue,
	}
	ac := reflect.TypeOf(&AuthenticationClient{})
	uc := reflect.TypeOf(&UserClient{})
	mc := reflect.ValueOf(&ManagementClient{}).Elem()
	names := regexp.MustCompile("`((?:ac|uc|mc|client)\\.[A-Za-z.]+)`").FindAllStringSubmatch(string(doc), -1)
	if len(names) < 250 {
		t.Fatalf("only %d Go names found in README.md", len(names))
	}
	for _, m := range names {
		parts := regexp.MustCompile(`\.`).Split(m[1], -1)
		ok := false
		switch {
		case parts[0] == "client" && len(parts) == 2:
			_, ok = funcs[parts[1]]
		case parts[0] == "ac" && len(parts) == 2:
			_, ok = ac.MethodByName(parts[1])
		case parts[0] == "uc" && len(parts) == 2:
			_, ok = uc.MethodByName(parts[1])
		case parts[0] == "mc" && len(parts) == 2:
			_, ok = reflect.TypeOf(&ManagementClient{}).MethodByName(parts[1])
		case parts[0] == "mc" && len(parts) == 3:
			if f := mc.FieldByName(parts[1]); f.IsValid() {
				_, ok = f.Type().MethodByName(parts[2])
			}
		}
		if !ok {
			t.Errorf("README.md names %s, which does not exist", m[1])
		}
	}
}
