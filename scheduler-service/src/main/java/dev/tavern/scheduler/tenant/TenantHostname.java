package dev.tavern.scheduler.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "tenant_hostname")
public class TenantHostname extends PanacheEntityBase {

    @Id
    public String hostname;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
}
