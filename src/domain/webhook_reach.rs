//! Whether a webhook can hear anything: an event it waits for reaches it only when each tenant it
//! serves has that event switched on. The admin pages warn where one is off.

use uuid::Uuid;

use super::tenant::Tenant;
use super::webhook::Webhook;

/// An event a webhook waits for that a tenant it serves has switched off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Silenced {
    pub webhook_id: Uuid,
    pub webhook_url: String,
    pub tenant_id: Uuid,
    pub tenant_name: String,
    pub event: String,
}

/// The events `hook` waits for (switched on in it), in the tenants it serves (every tenant when it
/// is global), that those tenants have switched off.
pub fn silenced(hook: &Webhook, tenants: &[Tenant]) -> Vec<Silenced> {
    let s = &hook.spec;
    let served = tenants
        .iter()
        .filter(|t| s.global || s.tenant_ids.contains(&t.id));
    let mut out = Vec::new();
    for tenant in served {
        for (event, on) in &s.events_enabled {
            if *on && !tenant.event_configuration.enabled(event) {
                out.push(Silenced {
                    webhook_id: hook.id,
                    webhook_url: s.url.clone(),
                    tenant_id: tenant.id,
                    tenant_name: tenant.name.clone(),
                    event: event.clone(),
                });
            }
        }
    }
    out
}

/// What `tenant` keeps from `hooks`: every event a webhook serving it waits for that it has off.
pub fn silenced_by(tenant: &Tenant, hooks: &[Webhook]) -> Vec<Silenced> {
    hooks
        .iter()
        .flat_map(|h| silenced(h, std::slice::from_ref(tenant)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tenant::EventSetting;
    use crate::domain::webhook::{WebhookSpec, USER_ACTION};

    fn tenant(on: bool) -> Tenant {
        let mut t = Tenant {
            id: Uuid::new_v4(),
            name: "T".into(),
            is_default: false,
            data: Default::default(),
            event_configuration: Default::default(),
            email_configuration: Default::default(),
            failed_authentication_configuration: Default::default(),
            signing_secret: String::new(),
            insert_instant: 0,
            last_update_instant: 0,
        };
        t.event_configuration.events.insert(
            USER_ACTION.into(),
            EventSetting {
                enabled: on,
                transaction_type: None,
            },
        );
        t
    }

    fn hook(global: bool, tenant_ids: Vec<Uuid>, on: bool) -> Webhook {
        Webhook {
            id: Uuid::new_v4(),
            spec: WebhookSpec {
                url: "https://example.com/hook".into(),
                events_enabled: [(USER_ACTION.to_string(), on)].into(),
                global,
                tenant_ids,
                ..WebhookSpec::default()
            },
            secret: String::new(),
            insert_instant: 0,
            last_update_instant: 0,
        }
    }

    #[test]
    fn warns_only_for_served_tenants_with_the_event_off() {
        let (off, on) = (tenant(false), tenant(true));
        let tenants = [off.clone(), on.clone()];
        let found = silenced(&hook(true, vec![], true), &tenants);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].tenant_id, off.id);
        assert_eq!(found[0].event, USER_ACTION);
        assert!(silenced(&hook(false, vec![on.id], true), &tenants).is_empty());
        assert_eq!(
            silenced(&hook(false, vec![off.id], true), &tenants).len(),
            1
        );
        // A webhook that does not wait for the event is not silenced by its being off.
        assert!(silenced(&hook(true, vec![], false), &tenants).is_empty());
        assert_eq!(silenced_by(&off, &[hook(true, vec![], true)]).len(), 1);
        assert!(silenced_by(&on, &[hook(true, vec![], true)]).is_empty());
    }
}
