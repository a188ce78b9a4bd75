//! Typed codes shared by the server and the browser: every closed set of values that is stored
//! in the database or sent over the wire (roles, quiz kinds, import and job states, region levels,
//! progress kinds, audit actions) is an enum declared with `codes!`, never a string compared
//! across files.

/// Declares a closed set of values, each with a stable code (stored in the database and sent
/// over the wire as that string). With labels, each value also has the Chinese label offices write
/// in their spreadsheets, and extra spellings are accepted when reading files.
#[macro_export]
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal, $label:literal $(| $alias:literal)*;)+ }) => {
        $crate::codes! { $(#[$meta])* $name { $($(#[$vmeta])* $variant = $code;)+ } }

        impl $name {
            /// The Chinese label written in files and shown on pages.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Reads a label (or its code) as typed in a spreadsheet, surrounding spaces ignored.
            pub fn from_label(text: &str) -> Option<$name> {
                match text.trim() {
                    $($label $(| $alias)* => Some($name::$variant),)+
                    other => Self::from_code(other),
                }
            }

            /// The accepted labels, for error messages.
            pub fn labels() -> String {
                Self::ALL.iter().map(|v| v.label()).collect::<Vec<_>>().join("、")
            }
        }
    };
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the database and sent over the wire.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl $crate::codes::__serde::Serialize for $name {
            fn serialize<S: $crate::codes::__serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> $crate::codes::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::codes::__serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <String as $crate::codes::__serde::Deserialize>::deserialize(d)?;
                Self::from_code(&text).ok_or_else(|| {
                    <D::Error as $crate::codes::__serde::de::Error>::custom(
                        format!("unknown {} `{text}`", stringify!($name)),
                    )
                })
            }
        }
    };
}

#[doc(hidden)]
pub use serde as __serde;

codes! {
    /// What a signed-in person may do; offices and trainers are further limited to their region.
    Role {
        Learner = "learner";
        Trainer = "trainer";
        Office = "office";
        Admin = "admin";
    }
}

codes! {
    /// Which kind of quiz an answer sheet belongs to.
    QuizKind {
        /// The quiz at the end of a lesson.
        Lesson = "lesson";
        /// A module's test, drawn from the quizzes of its lessons.
        Module = "module";
    }
}

codes! {
    /// How hard a course or lesson is.
    Level {
        Beginner = "beginner";
        Intermediate = "intermediate";
        Advanced = "advanced";
    }
}

codes! {
    /// What a progress event says a learner did in a lesson.
    ProgressKind {
        Opened = "opened";
        Completed = "completed";
    }
}

codes! {
    /// County → township → village: the three levels of the service system.
    RegionLevel {
        County = "county", "县" | "区" | "县级" | "县（区）";
        Township = "township", "乡镇" | "乡" | "镇" | "街道";
        Village = "village", "村" | "社区" | "村（社区）";
    }
}

impl RegionLevel {
    /// The level a region of this level hangs under (`None` for a county).
    pub fn parent(self) -> Option<RegionLevel> {
        match self {
            RegionLevel::County => None,
            RegionLevel::Township => Some(RegionLevel::County),
            RegionLevel::Village => Some(RegionLevel::Township),
        }
    }
}

codes! {
    /// Where a household import stands.
    ImportState {
        /// Accepted and waiting for a job runner.
        Queued = "queued";
        Checking = "checking";
        Saving = "saving";
        /// A dry run without errors: nothing saved.
        Checked = "checked";
        /// The file has errors: nothing saved.
        Rejected = "rejected";
        Done = "done";
        Failed = "failed";
    }
}

impl ImportState {
    /// Whether the import has ended (its page stops refreshing).
    pub fn is_finished(self) -> bool {
        !matches!(
            self,
            ImportState::Queued | ImportState::Checking | ImportState::Saving
        )
    }
}

codes! {
    /// Where a background job stands.
    JobState {
        Queued = "queued";
        Running = "running";
        Done = "done";
        Failed = "failed";
    }
}

codes! {
    /// What an audit log entry records.
    AuditAction {
        SignedIn = "signed_in";
        SignInFailed = "sign_in_failed";
        SignInThrottled = "sign_in_throttled";
        Denied = "denied";
        CreatedStaff = "created_staff";
        ChangedPassword = "changed_password";
        ResetPassword = "reset_password";
        CreatedLearners = "created_learners";
        CreatedRegion = "created_region";
        ImportedRegions = "imported_regions";
        CreatedClass = "created_class";
        ViewedHousehold = "viewed_household";
        RevealedIdNumber = "revealed_id_number";
        ExportedHouseholds = "exported_households";
        ImportedHouseholds = "imported_households";
        /// A household file checked and not saved: a dry run or a file with problems.
        CheckedHouseholds = "checked_households";
        CertificateIssued = "certificate_issued";
        CertificateRevoked = "certificate_revoked";
        ReportedOutcome = "reported_outcome";
        ConfirmedOutcome = "confirmed_outcome";
        ContactedLearner = "contacted_learner";
        ViewedLearner = "viewed_learner";
        ExportedReport = "exported_report";
        PublishedCourse = "published_course";
        RolledBackCourse = "rolled_back_course";
        DiscardedDraft = "discarded_draft";
        GrantedEditing = "granted_editing";
        CreatedCourse = "created_course";
    }
}

codes! {
    /// Why a person is in the programme.
    TargetGroup {
        PoorHousehold = "poor_household", "建档立卡户" | "建档立卡" | "贫困户";
        Returnee = "returnee", "返乡人员" | "返乡农民工";
        VillageOfficial = "village_official", "村干部";
        RuralYouth = "rural_youth", "农村青年";
        Other = "other", "其他";
    }
}

codes! {
    /// What a trained person went on to do.
    OutcomeKind {
        StoreOpened = "store_opened";
        FirstSale = "first_sale";
        MonthlySales = "monthly_sales";
        Employment = "employment";
        IncomeChange = "income_change";
    }
}

codes! {
    /// Where a store was opened.
    StorePlatform {
        Taobao = "taobao", "淘宝";
        WeixinShop = "weixin", "微信小店" | "视频号小店";
        Pinduoduo = "pinduoduo", "拼多多";
        Douyin = "douyin", "抖音" | "抖店";
        Kuaishou = "kuaishou", "快手";
        Other = "other", "其他";
    }
}

codes! {
    /// Where a follow-up call stands.
    FollowUpStatus {
        Due = "due";
        Reached = "reached";
        Unreachable = "unreachable";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(*role));
        }
        assert_eq!(Role::from_code("root"), None);
        assert_eq!(QuizKind::Module.to_string(), "module");
    }

    #[test]
    fn codes_travel_as_their_strings() {
        let json = serde_json::to_string(&ImportState::Rejected).expect("json");
        assert_eq!(json, "\"rejected\"");
        let back: ImportState = serde_json::from_str(&json).expect("back");
        assert_eq!(back, ImportState::Rejected);
        assert!(serde_json::from_str::<ImportState>("\"stuck\"").is_err());
    }

    #[test]
    fn labels_and_their_spellings_are_read() {
        assert_eq!(RegionLevel::from_label(" 镇 "), Some(RegionLevel::Township));
        assert_eq!(
            RegionLevel::from_label("village"),
            Some(RegionLevel::Village)
        );
        assert_eq!(RegionLevel::Village.label(), "村");
        assert_eq!(RegionLevel::from_label("省"), None);
        assert_eq!(RegionLevel::Village.parent(), Some(RegionLevel::Township));
    }
}
