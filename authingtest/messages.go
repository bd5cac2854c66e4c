package authingtest

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// lang is the language of the messages of one answer.
type lang int

const (
	langZH lang = iota // zh-CN, Authing's default
	langEN             // en-US
)

// langOf reads the language a request asks for from X-Authing-Lang, as the
// cloud does: en-US gets English, anything else Chinese.
func langOf(r *http.Request) lang {
	if strings.HasPrefix(strings.ToLower(r.Header.Get("X-Authing-Lang")), "en") {
		return langEN
	}
	return langZH
}

// message is one entry of the server's message table: an Authing code and
// its text in Chinese and English (fmt verbs filled by with). A message is
// itself an error, the one without arguments; its text is chosen in the
// language of the request when the answer is written.
type message struct {
	code   int
	zh, en string
}

// Error returns the code and the Chinese text.
func (m *message) Error() string { return fmt.Sprintf("code %d: %s", m.code, m.zh) }

// text is the message in language l.
func (m *message) text(l lang) string {
	if l == langEN {
		return m.en
	}
	return m.zh
}

// with returns the message as an error with its fmt arguments.
func (m *message) with(args ...any) *apiError { return &apiError{msg: m, args: args} }

// withData returns the message as an error that carries data (Authing
// puts, for example, the MFA token of a login in data).
func (m *message) withData(data any) *apiError { return &apiError{msg: m, data: data} }

// apiError is an error the server answers in Authing's shape: an object
// {code, message, data} in GraphQL errors, the envelope over REST.
type apiError struct {
	msg  *message
	args []any
	data any
}

// Error returns the code and the Chinese text.
func (e *apiError) Error() string { return fmt.Sprintf("code %d: %s", e.msg.code, e.text(langZH)) }

// Unwrap returns the table entry, so errors.Is(err, errRoleNotFound) holds.
func (e *apiError) Unwrap() error { return e.msg }

func (e *apiError) text(l lang) string {
	if len(e.args) == 0 {
		return e.msg.text(l)
	}
	return fmt.Sprintf(e.msg.text(l), e.args...)
}

// answer is err as Authing answers it, in language l: its code, message
// and data. An error outside the table is the server's own failure, 500.
func answer(err error, l lang) (code int, text string, data any) {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.msg.code, ae.text(l), ae.data
	}
	var m *message
	if errors.As(err, &m) {
		return m.code, m.text(l), nil
	}
	return 500, err.Error(), nil
}

// commonMessage is Authing's CommonMessage {code, message} for m.
func commonMessage(m *message) obj { return obj{"code": m.code, "message": m} }

// The message table: every code and message the server answers. Texts
// after "The emulator's own diagnostics" are authingtest's, not Authing's,
// and read the same in both languages.
var (
	// Success messages.
	msgOK                 = &message{200, "成功", "Success"}
	msgDeleted            = &message{200, "删除成功", "Deleted successfully"}
	msgFetched            = &message{200, "获取成功", "Fetched successfully"}
	msgExported           = &message{200, "导出数据成功", "Data exported successfully"}
	msgImported           = &message{200, "导入数据成功", "Data imported successfully"}
	msgUserFetched        = &message{200, "获取用户信息成功", "User fetched successfully"}
	msgDone               = &message{200, "操作成功", "Operation succeeded"}
	msgSent               = &message{200, "发送成功", "Sent successfully"}
	msgSetDone            = &message{200, "设置成功", "Set successfully"}
	msgMoved              = &message{200, "移动成功", "Moved successfully"}
	msgAuthorized         = &message{200, "授权成功", "Authorized successfully"}
	msgUnauthorized       = &message{200, "撤销授权成功", "Authorization revoked"}
	msgPasswordSet        = &message{200, "重置密码成功", "Password reset successfully"}
	msgLoggedIn           = &message{200, "已登录", "Logged in"}
	msgPasswordOK         = &message{200, "密码验证通过", "The password is valid"}
	msgPasswordRuleLength = &message{200, "密码长度不少于 6 位", "At least 6 characters"}
	msgPasswordGood       = &message{200, "密码强度符合要求", "The password is strong enough"}
	msgTokenInvalid       = &message{2206, "登录信息已过期或不合法", "The login has expired or is invalid"}

	// Authentication and tokens.
	errNotLoggedIn      = &message{2020, "尚未登录，无权限访问此请求", "Not logged in: no permission for this request"}
	errMFATokenInvalid  = &message{2020, "MFA token 无效或已过期", "The MFA token is invalid or expired"}
	errLoginExpired     = &message{2206, "登录信息已过期，请重新登录", "The login has expired, please log in again"}
	errOtherUser        = &message{2020, "无权访问其他用户的数据", "An end user may only access its own user"}
	errAdminOnlyField   = &message{1001, "用户无权修改字段 %s", "A user cannot change the field %s of its own account"}
	errWrongSecret      = &message{1001, "用户池密钥不正确", "The user pool secret is wrong"}
	errPoolNotFound     = &message{2224, "用户池不存在", "The user pool does not exist"}
	errMFARequired      = &message{1635, "请进行 MFA 认证", "Multi-factor authentication is required"}
	errTokenNotValid    = &message{400, "token 不合法或已过期", "The token is invalid or expired"}
	errIncomplete       = &message{2231, "请求参数不完整", "The request's parameters are incomplete"}
	errDecryptPassword  = &message{2016, "密码解密失败，请检查公钥", "The password could not be decrypted: check the public key"}
	errWrongPassword    = &message{2006, "密码错误", "Wrong password"}
	errPasswordTooShort = &message{2029, "密码长度不能少于 6 位", "The password must be at least 6 characters"}
	errPasswordNeeded   = &message{2032, "注册需要密码", "Registration needs a password"}
	errOldPasswordEmpty = &message{2201, "请输入原始密码", "Enter the old password"}
	errOldPasswordWrong = &message{2203, "原始密码错误", "The old password is wrong"}
	errCodeWrong        = &message{2001, "验证码不正确", "The verification code is wrong"}
	errCodeExpired      = &message{2300, "验证码已过期", "The verification code has expired"}
	errEmailFormat      = &message{2204, "邮箱格式不正确", "The email address is malformed"}
	errFaceMismatch     = &message{2231, "两张照片不是同一个人", "The two photos are not of the same person"}
	errFaceCheckFailed  = &message{2001, "人脸比对失败", "The face does not match"}

	// Users.
	errUserNotFound     = &message{2004, "用户不存在", "The user does not exist"}
	errUserExists       = &message{2026, "用户已存在", "The user already exists"}
	errDeleteNoUser     = &message{2210, "删除失败：用户不存在", "Delete failed: the user does not exist"}
	errNoIdentifier     = &message{2028, "请提供用户名、手机号或邮箱", "Give a username, phone or email"}
	errTooManyUsers     = &message{2030, "一次最多查询 80 个用户", "At most 80 users can be read at once"}
	errEmailViaUpdate   = &message{2225, "不能通过 updateUser 修改邮箱，请使用 updateEmail", "The email cannot be changed by updateUser: use updateEmail"}
	errPhoneViaUpdate   = &message{2226, "不能通过 updateUser 修改手机号，请使用 updatePhone", "The phone cannot be changed by updateUser: use updatePhone"}
	errNotBound         = &message{2219, "尚未绑定", "Not bound"}
	errOnlyLoginMethod  = &message{2217, "这是唯一的登录方式，不能解绑", "This is the only way to log in and cannot be unbound"}
	errUserNotInNode    = &message{1001, "用户不在该部门", "The user is not a member of the department"}
	errUdfNotFound      = &message{2231, "自定义字段 %s 不存在", "The custom field %s does not exist"}
	errUdvType          = &message{2231, "自定义字段 %s 的值不是 %s 类型：%q", "The custom field %s takes a %s, not %q"}
	errParams           = &message{2231, "params 不是 [{key, value}] 形式的 JSON：%v", "params is not JSON of the form [{key, value}]: %v"}
	errAssignmentAbsent = &message{2004, "授权记录不存在", "The policy assignment does not exist"}

	// Roles, groups, policies, namespaces and resources.
	errRoleNotFound      = &message{2004, "角色 %s 不存在", "The role %s does not exist"}
	errRoleExists        = &message{2026, "角色 %s 已存在", "The role %s already exists"}
	errGroupNotFound     = &message{2004, "分组 %s 不存在", "The group %s does not exist"}
	errGroupExists       = &message{2026, "分组 %s 已存在", "The group %s already exists"}
	errPolicyNotFound    = &message{2004, "策略 %s 不存在", "The policy %s does not exist"}
	errPolicyExists      = &message{2026, "策略 %s 已存在", "The policy %s already exists"}
	errNamespaceNotFound = &message{2004, "权限分组 %v 不存在", "The namespace %v does not exist"}
	errNamespaceExists   = &message{2026, "权限分组 %s 已存在", "The namespace %s already exists"}
	// The cloud answers an update of an unknown namespace with 3003 and a
	// deletion with 3005 (Authing's Python SDK tests).
	errNamespaceUpdateAbsent = &message{3003, "权限分组 %v 不存在", "The namespace %v does not exist"}
	errNamespaceDeleteAbsent = &message{3005, "权限分组 %v 不存在", "The namespace %v does not exist"}
	errResourceNotFound      = &message{2004, "资源 %s 不存在", "The resource %s does not exist"}
	errResourceExists        = &message{2026, "资源 %s 已存在", "The resource %s already exists"}

	// Organizations.
	errOrgNotFound    = &message{2004, "组织机构 %s 不存在", "The organization %s does not exist"}
	errNodeNotFound   = &message{2004, "部门 %s 不存在", "The department %s does not exist"}
	errDeleteRootNode = &message{1001, "不能删除根部门", "The root department cannot be deleted"}
	errMoveUnderSelf  = &message{1001, "不能把部门移到自己下面", "A department cannot move under itself"}
	errOrgImportShape = &message{2231, "组织机构数据格式不正确", "The organization data is malformed"}

	// Applications.
	errAppNotFound       = &message{2004, "应用 %s 不存在", "The application %s does not exist"}
	errAgreementNotFound = &message{2004, "协议 %s 不存在", "The agreement %s does not exist"}
	errAccountNotFound   = &message{2004, "编程访问账号不存在", "The programmatic access account does not exist"}

	// MFA.
	errTOTPSecret = &message{2231, "TOTP 密钥不是合法的 base32 字符串", "The TOTP secret is not valid base32"}
	errMFAType    = &message{2231, "MFA 类型 %q 不合法，应为 OTP 或 FACE", "The MFA type %q is invalid: use OTP or FACE"}

	// The emulator's own diagnostics.
	errBodyRead       = &message{400, "request body: %v", "request body: %v"}
	errBadBody        = &message{400, "malformed JSON body: %v", "malformed JSON body: %v"}
	errNoADConnector  = &message{1001, "authingtest: no AD connector is configured", "authingtest: no AD connector is configured"}
	errInternal       = &message{500, "authingtest: internal error: %v", "authingtest: internal error: %v"}
	errRootNotFound   = &message{500, "authingtest: root field %q is not implemented", "authingtest: root field %q is not implemented"}
	errResultTooLarge = &message{500, "authingtest: the result would exceed %d fields; ask for smaller pages", "authingtest: the result would exceed %d fields; ask for smaller pages"}
	errNullForNonNull = &message{500, "Cannot return null for non-nullable field %s.%s.", "Cannot return null for non-nullable field %s.%s."}
	errNotAnObject    = &message{500, "%s.%s: expected an object of type %s, the resolver gave %T", "%s.%s: expected an object of type %s, the resolver gave %T"}
	errNotAList       = &message{500, "%s.%s: expected a list, the resolver gave %T", "%s.%s: expected a list, the resolver gave %T"}
	errEnumValue      = &message{500, "Enum %q cannot represent value: %s", "Enum %q cannot represent value: %s"}
	errScalarValue    = &message{500, "%s cannot represent value: %s", "%s cannot represent value: %s"}
	errRouteNotFound  = &message{404, "authingtest: %s %s is not implemented", "authingtest: %s %s is not implemented"}
	errUnsupported    = &message{501, "%s is not supported by authing-local", "%s is not supported by authing-local"}
)
