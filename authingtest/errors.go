package authingtest

import "fmt"

// apiError is an error the server answers in Authing's shape: an object
// {code, message, data} in GraphQL errors, the envelope over REST.
type apiError struct {
	Code    int
	Message string
	Data    any
}

// Error returns the code and message.
func (e *apiError) Error() string { return fmt.Sprintf("code %d: %s", e.Code, e.Message) }

func errf(code int, format string, args ...any) *apiError {
	return &apiError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// The errors the server answers, with Authing's codes and messages.
var (
	errNotLoggedIn      = &apiError{Code: 2020, Message: "尚未登录，无权限访问此请求"}
	errLoginExpired     = &apiError{Code: 2206, Message: "登录信息已过期，请重新登录"}
	errUserNotFound     = &apiError{Code: 2004, Message: "用户不存在"}
	errWrongPassword    = &apiError{Code: 2006, Message: "密码错误"}
	errUserExists       = &apiError{Code: 2026, Message: "用户已存在"}
	errDecryptPassword  = &apiError{Code: 2016, Message: "密码解密失败，请检查公钥"}
	errCodeExpired      = &apiError{Code: 2300, Message: "验证码已过期"}
	errCodeWrong        = &apiError{Code: 2001, Message: "验证码不正确"}
	errPasswordTooShort = &apiError{Code: 2029, Message: "密码长度不能少于 6 位"}
	errPoolNotFound     = &apiError{Code: 2224, Message: "用户池不存在"}
	errForbidden        = &apiError{Code: 1001, Message: "没有权限执行此操作"}
	errIncomplete       = &apiError{Code: 2231, Message: "请求参数不完整"}
)
