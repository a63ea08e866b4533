import BattenYAML

/// The image profiles shipped in `Policies/images/`, embedded in the binary.
///
/// SwiftPM embeds every file of `Policies/` under its file name alone, so a profile's file name must
/// not repeat a built-in policy's (`baseline`, `restricted`, `production`).
public enum BuiltInImageProfiles {
    /// File name and contents of each built-in profile.
    static let files: [(name: String, bytes: [UInt8])] = [
        ("adminer.yaml", PackageResources.adminer_yaml),
        ("alertmanager.yaml", PackageResources.alertmanager_yaml),
        ("apache-kafka.yaml", PackageResources.apache_kafka_yaml),
        ("azure-sql-edge.yaml", PackageResources.azure_sql_edge_yaml),
        ("bitnami-kafka.yaml", PackageResources.bitnami_kafka_yaml),
        ("bitnami-zookeeper.yaml", PackageResources.bitnami_zookeeper_yaml),
        ("caddy.yaml", PackageResources.caddy_yaml),
        ("cadvisor.yaml", PackageResources.cadvisor_yaml),
        ("cp-kafka.yaml", PackageResources.cp_kafka_yaml),
        ("cp-zookeeper.yaml", PackageResources.cp_zookeeper_yaml),
        ("elasticsearch.yaml", PackageResources.elasticsearch_yaml),
        ("gitea-rootless.yaml", PackageResources.gitea_rootless_yaml),
        ("gitea.yaml", PackageResources.gitea_yaml),
        ("grafana.yaml", PackageResources.grafana_yaml),
        ("haproxy.yaml", PackageResources.haproxy_yaml),
        ("httpd-alpine.yaml", PackageResources.httpd_alpine_yaml),
        ("httpd.yaml", PackageResources.httpd_yaml),
        ("influxdb-1.yaml", PackageResources.influxdb_1_yaml),
        ("influxdb-2.yaml", PackageResources.influxdb_2_yaml),
        ("jaeger.yaml", PackageResources.jaeger_yaml),
        ("jenkins.yaml", PackageResources.jenkins_yaml),
        ("keycloak.yaml", PackageResources.keycloak_yaml),
        ("kibana.yaml", PackageResources.kibana_yaml),
        ("linuxserver.yaml", PackageResources.linuxserver_yaml),
        ("logstash.yaml", PackageResources.logstash_yaml),
        ("loki.yaml", PackageResources.loki_yaml),
        ("mailhog.yaml", PackageResources.mailhog_yaml),
        ("mailpit.yaml", PackageResources.mailpit_yaml),
        ("mariadb-early.yaml", PackageResources.mariadb_early_yaml),
        ("mariadb-legacy.yaml", PackageResources.mariadb_legacy_yaml),
        ("mariadb.yaml", PackageResources.mariadb_yaml),
        ("memcached-alpine.yaml", PackageResources.memcached_alpine_yaml),
        ("memcached.yaml", PackageResources.memcached_yaml),
        ("minio.yaml", PackageResources.minio_yaml),
        ("mongo-early.yaml", PackageResources.mongo_early_yaml),
        ("mongo.yaml", PackageResources.mongo_yaml),
        ("mssql.yaml", PackageResources.mssql_yaml),
        ("mysql-5-7.yaml", PackageResources.mysql_5_7_yaml),
        ("mysql.yaml", PackageResources.mysql_yaml),
        ("nats.yaml", PackageResources.nats_yaml),
        ("nextcloud-fpm.yaml", PackageResources.nextcloud_fpm_yaml),
        ("nextcloud.yaml", PackageResources.nextcloud_yaml),
        ("nginx.yaml", PackageResources.nginx_yaml),
        ("node-exporter.yaml", PackageResources.node_exporter_yaml),
        ("node.yaml", PackageResources.node_yaml),
        ("opensearch.yaml", PackageResources.opensearch_yaml),
        ("pgadmin4.yaml", PackageResources.pgadmin4_yaml),
        ("php-apache.yaml", PackageResources.php_apache_yaml),
        ("phpmyadmin.yaml", PackageResources.phpmyadmin_yaml),
        ("pihole.yaml", PackageResources.pihole_yaml),
        ("portainer.yaml", PackageResources.portainer_yaml),
        ("postgres-18.yaml", PackageResources.postgres_18_yaml),
        ("postgres.yaml", PackageResources.postgres_yaml),
        ("prometheus.yaml", PackageResources.prometheus_yaml),
        ("promtail.yaml", PackageResources.promtail_yaml),
        ("python.yaml", PackageResources.python_yaml),
        ("rabbitmq.yaml", PackageResources.rabbitmq_yaml),
        ("redis.yaml", PackageResources.redis_yaml),
        ("sonarqube.yaml", PackageResources.sonarqube_yaml),
        ("traefik.yaml", PackageResources.traefik_yaml),
        ("valkey.yaml", PackageResources.valkey_yaml),
        ("vault.yaml", PackageResources.vault_yaml),
        ("vaultwarden.yaml", PackageResources.vaultwarden_yaml),
        ("wordpress.yaml", PackageResources.wordpress_yaml),
        ("zookeeper.yaml", PackageResources.zookeeper_yaml),
    ]

    /// The sources, named `<builtin>/images/NAME.yaml` in messages.
    public static var sources: [SourceFile] {
        files.map { SourceFile(path: "<builtin>/images/\($0.name)", bytes: $0.bytes) }
    }

    /// The built-in profiles that parse; a test proves that every one does.
    public static let profiles: [ImageProfile] = sources.compactMap { ImageProfileParser().parse($0).profile }
}
