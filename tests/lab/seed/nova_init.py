"""Nova databases in one process (instead of four nova-manage runs): API DB schema,
cell0 and cell1 mappings, cell DB schemas. Idempotent. Usage: nova_init.py NOVA_CONF CELL0_URL"""
import os
import sys

from nova import config, context, exception, objects
from nova.db import migration


def main(conf, cell0_url):
    # init_rpc=True registers [DEFAULT]/transport_url, which CellMapping needs.
    config.parse_args(["nova-lab-init", "--config-file", conf], init_rpc=True)
    objects.register_all()
    migration.db_sync(database="api")
    ctxt = context.get_admin_context()
    try:
        cell0 = objects.CellMapping.get_by_uuid(ctxt, objects.CellMapping.CELL0_UUID)
    except exception.CellMappingNotFound:
        # cell0 never gets RPC; nova-manage uses none:/// for it as well.
        cell0 = objects.CellMapping(ctxt, uuid=objects.CellMapping.CELL0_UUID, name="cell0",
                                    transport_url="none:///", database_connection=cell0_url)
        cell0.create()
    cells = {c.name: c for c in objects.CellMappingList.get_all(ctxt)}
    cell1_url = config.CONF.database.connection
    if "cell1" not in cells:
        objects.CellMapping(ctxt, uuid="c0ffee00-1ab0-4000-8000-000000000001", name="cell1",
                            transport_url="fake://", database_connection=cell1_url).create()
    for cell, url in ((cell0, cell0_url), (cells.get("cell1"), cell1_url)):
        if cell is not None and cell.database_connection != url:  # converge a changed URL
            cell.database_connection = url
            cell.save()
    # cell0 migrates in a fork (it only opens its own engine) while cell1 migrates here.
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            with context.target_cell(ctxt, cell0) as cctxt:
                migration.db_sync(context=cctxt)
            code = 0
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    migration.db_sync()  # cell1 = [database]/connection
    if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0:
        sys.exit("cell0 migration failed")
    print("nova databases ready (api, cell0, cell1)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
