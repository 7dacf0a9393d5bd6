//! Diesel table definitions, shared by both backends (only common column types).

diesel::table! {
    tenants (id) {
        id -> Text,
        name -> Text,
        name_ci -> Text,
        is_default -> Bool,
        data -> Text,
        event_configuration -> Text,
        email_configuration -> Text,
        failed_authentication_configuration -> Text,
        signing_secret -> Text,
        insert_instant -> BigInt,
        last_update_instant -> BigInt,
    }
}

diesel::table! {
    applications (id) {
        id -> Text,
        tenant_id -> Text,
        name -> Text,
        name_ci -> Text,
        active -> Bool,
        data -> Text,
        insert_instant -> BigInt,
        last_update_instant -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        tenant_id -> Text,
        email -> Nullable<Text>,
        email_ci -> Nullable<Text>,
        username -> Nullable<Text>,
        username_ci -> Nullable<Text>,
        first_name -> Nullable<Text>,
        last_name -> Nullable<Text>,
        full_name -> Nullable<Text>,
        preferred_languages -> Text,
        timezone -> Nullable<Text>,
        active -> Bool,
        data -> Text,
        password_hash -> Nullable<Text>,
        failed_login_count -> Integer,
        last_failed_login_instant -> Nullable<BigInt>,
        insert_instant -> BigInt,
        last_update_instant -> BigInt,
        last_login_instant -> Nullable<BigInt>,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Text,
        key_hash -> Text,
        tenant_id -> Nullable<Text>,
        description -> Nullable<Text>,
        insert_instant -> BigInt,
        last_update_instant -> BigInt,
    }
}

diesel::table! {
    email_templates (id) {
        id -> Text,
        name -> Text,
        default_subject -> Text,
        default_html_template -> Text,
        default_text_template -> Text,
        default_from_name -> Nullable<Text>,
        from_email -> Nullable<Text>,
        insert_instant -> BigInt,
        last_update_instant -> BigInt,
    }
}

diesel::table! {
    user_actions (id) {
        id -> Text,
        name -> Text,
        name_ci -> Text,
        active -> Bool,
        temporal -> Bool,
        prevent_login -> Bool,
        send_end_event -> Bool,
        include_email_in_event_json -> Bool,
        user_emailing_enabled -> Bool,
        user_notifications_enabled -> Bool,
        start_email_template_id -> Nullable<Text>,
        modify_email_template_id -> Nullable<Text>,
        cancel_email_template_id -> Nullable<Text>,
        end_email_template_id -> Nullable<Text>,
        transaction_type -> Text,
        tenant_ids -> Text,
        insert_instant -> BigInt,
        last_update_instant -> BigInt,
        kind -> Text,
        reminders -> Text,
        escalation -> Nullable<Text>,
    }
}

diesel::table! {
    user_action_options (id) {
        id -> Text,
        user_action_id -> Text,
        position -> Integer,
        name -> Text,
    }
}

diesel::table! {
    user_action_reasons (id) {
        id -> Text,
        text -> Text,
        text_ci -> Text,
        code -> Text,
        code_ci -> Text,
        insert_instant -> BigInt,
        last_update_instant -> BigInt,
        escalation -> Nullable<Text>,
    }
}

diesel::table! {
    localizations (owner_kind, owner_id, field, locale) {
        owner_kind -> Text,
        owner_id -> Text,
        field -> Text,
        locale -> Text,
        value -> Text,
    }
}

diesel::table! {
    action_instances (id) {
        id -> Text,
        tenant_id -> Text,
        user_action_id -> Text,
        actionee_user_id -> Text,
        actioner_user_id -> Nullable<Text>,
        application_ids -> Text,
        comment -> Nullable<Text>,
        email_user_on_end -> Bool,
        notify_user_on_end -> Bool,
        end_event_sent -> Nullable<Bool>,
        expiry -> Nullable<BigInt>,
        cancelled -> Bool,
        created_instant -> BigInt,
        insert_instant -> BigInt,
        name -> Text,
        localized_name -> Nullable<Text>,
        option_name -> Nullable<Text>,
        localized_option -> Nullable<Text>,
        reason -> Nullable<Text>,
        localized_reason -> Nullable<Text>,
        reason_code -> Nullable<Text>,
        history -> Text,
        start_instant -> Nullable<BigInt>,
        escalation_step -> Nullable<Integer>,
    }
}

diesel::table! {
    signing_keys (id) {
        id -> Text,
        name -> Text,
        name_ci -> Text,
        algorithm -> Text,
        kid -> Text,
        secret -> Text,
        insert_instant -> BigInt,
        last_update_instant -> BigInt,
    }
}

diesel::table! {
    webhooks (id) {
        id -> Text,
        url -> Text,
        connect_timeout -> Integer,
        read_timeout -> Integer,
        description -> Nullable<Text>,
        events_enabled -> Text,
        is_global -> Bool,
        tenant_ids -> Text,
        headers -> Text,
        http_authentication_username -> Nullable<Text>,
        http_authentication_password -> Nullable<Text>,
        signature_enabled -> Bool,
        signing_key_id -> Nullable<Text>,
        user_action_ids -> Text,
        secret -> Text,
        data -> Text,
        insert_instant -> BigInt,
        last_update_instant -> BigInt,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        kind -> Text,
        webhook_id -> Nullable<Text>,
        tenant_id -> Nullable<Text>,
        event_id -> Nullable<Text>,
        event_type -> Nullable<Text>,
        action_id -> Nullable<Text>,
        payload -> Text,
        status -> Text,
        attempts -> Text,
        attempt_count -> Integer,
        next_attempt_instant -> Nullable<BigInt>,
        insert_instant -> BigInt,
        last_update_instant -> BigInt,
        event_sequence -> Nullable<BigInt>,
    }
}

diesel::table! {
    action_instance_ends (instance_id) {
        instance_id -> Text,
        expiry -> BigInt,
    }
}

diesel::table! {
    /// Instantaneous instances counted per UTC day (kept by triggers; see the migration).
    action_instance_days (user_action_id, day, option_name, actioner_user_id, writer) {
        user_action_id -> Text,
        day -> BigInt,
        option_name -> Text,
        actioner_user_id -> Text,
        writer -> Integer,
        answers -> BigInt,
    }
}

diesel::table! {
    action_instance_expiry_counts (span, bucket, user_action_id, writer) {
        span -> BigInt,
        bucket -> BigInt,
        user_action_id -> Text,
        writer -> Integer,
        instances -> BigInt,
    }
}

diesel::joinable!(outbox -> webhooks (webhook_id));
diesel::joinable!(action_instance_starts -> action_instances (instance_id));
diesel::joinable!(action_instance_reminders -> action_instances (instance_id));

diesel::joinable!(applications -> tenants (tenant_id));
diesel::joinable!(users -> tenants (tenant_id));
diesel::joinable!(user_action_options -> user_actions (user_action_id));
diesel::joinable!(action_instances -> user_actions (user_action_id));
diesel::joinable!(action_instances -> users (actionee_user_id));
diesel::joinable!(action_instance_ends -> action_instances (instance_id));

diesel::allow_tables_to_appear_in_same_query!(
    tenants,
    applications,
    users,
    api_keys,
    email_templates,
    user_actions,
    user_action_options,
    user_action_reasons,
    localizations,
    action_instances,
    action_instance_ends,
    action_instance_starts,
    action_instance_reminders,
    action_instance_days,
    action_instance_expiry_counts,
    signing_keys,
    webhooks,
    outbox,
    staff,
    staff_sessions,
    setup_tokens,
    signin_attempts,
);

diesel::table! {
    staff (user_id) {
        user_id -> Text,
        role -> Text,
        language -> Nullable<Text>,
        time_zone -> Nullable<Text>,
        insert_instant -> BigInt,
        last_update_instant -> BigInt,
        /// The admin-app password (argon2), apart from the user's.
        password_hash -> Nullable<Text>,
    }
}

diesel::table! {
    staff_sessions (token_hash) {
        token_hash -> Text,
        staff_id -> Text,
        csrf_token -> Text,
        expires_at -> BigInt,
        insert_instant -> BigInt,
    }
}

diesel::table! {
    setup_tokens (token_hash) {
        token_hash -> Text,
        expires_at -> BigInt,
    }
}

diesel::joinable!(staff -> users (user_id));
diesel::joinable!(staff_sessions -> staff (staff_id));

diesel::table! {
    signin_attempts (id) {
        id -> Text,
        email_hash -> Text,
        client_ip -> Nullable<Text>,
        instant -> BigInt,
    }
}

diesel::table! {
    read_cache_version (id) {
        id -> Integer,
        version -> BigInt,
    }
}

diesel::table! {
    staff_flashes (token_hash, name) {
        token_hash -> Text,
        name -> Text,
        sealed -> Text,
        expires_at -> BigInt,
    }
}

diesel::table! {
    action_instance_starts (instance_id) {
        instance_id -> Text,
        start_instant -> BigInt,
        broadcast -> Bool,
        notify_user -> Bool,
        email_user -> Bool,
    }
}

diesel::table! {
    action_instance_reminders (instance_id, before_expiry) {
        instance_id -> Text,
        before_expiry -> BigInt,
        due_instant -> BigInt,
    }
}

diesel::table! {
    staff_notes (id) {
        id -> Text,
        user_id -> Text,
        instance_id -> Nullable<Text>,
        author_id -> Text,
        body -> Text,
        created_instant -> BigInt,
    }
}
