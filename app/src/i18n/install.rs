//! The strings of the "put it on the home screen" guide (`/install`). Phones sold in China ship
//! browsers (Huawei, Xiaomi, vivo, OPPO, UC, QQ) that never offer to install a web app on their
//! own, and WeChat's browser cannot: the guide walks a learner through the menu instead.

use super::Locale;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum I {
    Title,
    Intro,
    InstallNow,
    InWeChat,
    Steps,
    StepOpen,
    StepMenu,
    StepAdd,
    StepPermission,
    StepOpenIcon,
    Link,
}

/// `key` in `locale`.
pub fn ti(locale: Locale, key: I) -> &'static str {
    let (zh, en) = text(key);
    locale.pick(zh, en)
}

fn text(key: I) -> (&'static str, &'static str) {
    use I::*;
    match key {
        Title => ("装到手机桌面", "Put it on your home screen"),
        Intro => (
            "放到手机桌面后，农店学堂像应用一样一点就开；看过和存下的课没有网络也能看。",
            "On your home screen, Nongdian opens like an app with one tap, and the lessons you opened or saved work without a connection.",
        ),
        InstallNow => ("现在安装", "Install now"),
        InWeChat => (
            "你正在微信里看。微信里不能装到桌面：点右上角「···」，选「在浏览器打开」，再按下面的步骤做。",
            "You are reading inside WeChat, which cannot add it to the home screen: tap “···” at the top right, choose “Open in browser”, then follow the steps below.",
        ),
        Steps => ("用手机自带的浏览器这样做", "In your phone's own browser"),
        StepOpen => (
            "用手机自带的浏览器（或 UC、QQ 浏览器）打开农店学堂。",
            "Open Nongdian in the phone's own browser (or UC or QQ Browser).",
        ),
        StepMenu => (
            "点浏览器的菜单按钮：在屏幕最下面或右上角，样子像「≡」「⋮」或「···」。",
            "Tap the browser's menu button, at the bottom of the screen or the top right: it looks like “≡”, “⋮” or “···”.",
        ),
        StepAdd => (
            "找「添加到桌面」「添加到主屏幕」「发送到桌面」或「安装应用」，点它，再点「添加」。",
            "Find “Add to home screen”, “Send to desktop” or “Install app”, tap it, then tap “Add”.",
        ),
        StepPermission => (
            "如果手机问能不能「创建桌面快捷方式」，选「允许」，再添加一次。",
            "If the phone asks whether the browser may “create home screen shortcuts”, choose “Allow” and add it again.",
        ),
        StepOpenIcon => (
            "回到手机桌面，点绿色的「农店学堂」图标就能打开。",
            "Go back to the home screen and tap the green “农店学堂” icon.",
        ),
        Link => ("装到手机桌面", "Put it on your home screen"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_is_in_both_languages() {
        let all = [
            I::Title,
            I::Intro,
            I::InstallNow,
            I::InWeChat,
            I::Steps,
            I::StepOpen,
        ];
        let steps = [
            I::StepMenu,
            I::StepAdd,
            I::StepPermission,
            I::StepOpenIcon,
            I::Link,
        ];
        for key in all.into_iter().chain(steps) {
            let (zh, en) = text(key);
            assert!(!zh.is_empty() && !en.is_empty(), "{key:?}");
            assert_ne!(zh, en, "{key:?}");
        }
    }
}
